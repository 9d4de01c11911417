package dev.scheduler.protocol.calendar;

/**
 * A refusal raised outside an entity: by the HTTP edge (bad input, a wrong token) or by a
 * workflow of the node (an OAuth state that has expired). The HTTP layer answers it like an
 * entity's {@link Rejection}: with the code's status and the JSON error shape.
 */
public class RejectionException extends RuntimeException {
  private final Rejection rejection;

  public RejectionException(RejectionCode code, String message) {
    super(message, null, false, false);
    this.rejection = Rejection.of(code, message);
  }

  public static RejectionException invalid(String message) {
    return new RejectionException(RejectionCode.INVALID_REQUEST, message);
  }

  public Rejection rejection() {
    return rejection;
  }
}
