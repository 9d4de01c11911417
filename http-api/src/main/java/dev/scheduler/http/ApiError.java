package dev.scheduler.http;

import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;

/** A request the API refuses before it reaches any entity: bad input, a wrong token. */
public final class ApiError extends RuntimeException {
  private final Rejection rejection;

  public ApiError(RejectionCode code, String message) {
    super(message, null, false, false);
    this.rejection = Rejection.of(code, message);
  }

  public static ApiError invalid(String message) {
    return new ApiError(RejectionCode.INVALID_REQUEST, message);
  }

  public Rejection rejection() {
    return rejection;
  }
}
