package dev.scheduler.http;

import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;

/** A request the API refuses before it reaches any entity: bad input, a wrong token. */
public final class ApiError extends RejectionException {

  public ApiError(RejectionCode code, String message) {
    super(code, message);
  }

  public static ApiError invalid(String message) {
    return new ApiError(RejectionCode.INVALID_REQUEST, message);
  }
}
