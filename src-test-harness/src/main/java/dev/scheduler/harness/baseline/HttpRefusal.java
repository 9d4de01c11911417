package dev.scheduler.harness.baseline;

/** A refusal with its HTTP status and the node's error code; thrown anywhere, answered in one place. */
final class HttpRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  HttpRefusal(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static HttpRefusal invalid(String message) {
    return new HttpRefusal(400, "invalid_request", message);
  }

  static HttpRefusal unauthorized(String message) {
    return new HttpRefusal(401, "unauthorized", message);
  }

  static HttpRefusal forbidden(String message) {
    return new HttpRefusal(403, "forbidden", message);
  }

  static HttpRefusal notFound(String message) {
    return new HttpRefusal(404, "not_found", message);
  }

  static HttpRefusal slotUnavailable(String message) {
    return new HttpRefusal(409, "slot_unavailable", message);
  }

  static HttpRefusal conflict(String message) {
    return new HttpRefusal(409, "conflict", message);
  }

  static HttpRefusal idempotencyConflict() {
    return new HttpRefusal(422, "idempotency_conflict",
        "This Idempotency-Key was already used with a different request.");
  }

  static HttpRefusal unavailable(String message) {
    return new HttpRefusal(503, "unavailable", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
