package dev.scheduler.harness.baseline;

/** A refusal with its HTTP status and the node's error code; thrown anywhere, answered in one place. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiError invalid(String message) {
    return new ApiError(400, "invalid_request", message);
  }

  static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message);
  }

  static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  static ApiError slotUnavailable(String message) {
    return new ApiError(409, "slot_unavailable", message);
  }

  static ApiError conflict(String message) {
    return new ApiError(409, "conflict", message);
  }

  static ApiError idempotencyConflict() {
    return new ApiError(422, "idempotency_conflict",
        "This Idempotency-Key was already used with a different request.");
  }

  static ApiError unavailable(String message) {
    return new ApiError(503, "unavailable", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
