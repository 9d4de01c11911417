package dev.scheduler.http;

import dev.scheduler.http.json.Json;
import dev.scheduler.http.json.ErrorJson;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where refusals and failures become HTTP statuses with a JSON body. */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  static final long RETRY_AFTER_SECONDS = 2;

  private ErrorResponses() {}

  public static HttpResponse of(Rejection rejection) {
    HttpResponse response =
        Json.response(status(rejection.code()), new ErrorJson(rejection.code().wireName(), rejection.message()));
    if (rejection.code() == RejectionCode.EXPIRED) {
      // Normally nobody hears this answer: the ask gave up first. Heard, the command took longer
      // to arrive than the ask timeout by the entity's clock, i.e. the nodes' clocks disagree.
      LOG.warn("A booking reached its host after its answer was due by that node's clock, yet was answered: "
          + "check that the nodes' clocks agree (NTP)");
      return response.addHeader(RetryAfter.create(RETRY_AFTER_SECONDS));
    }
    return response;
  }

  public static HttpResponse of(StatusCode status, String code, String message) {
    return Json.response(status, new ErrorJson(code, message));
  }

  /**
   * Maps a failed ask or a refused request. A timeout means the outcome is unknown (the entity may
   * still persist), so it is a 503 with a retry hint, never a 409.
   */
  public static HttpResponse of(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RejectionException refused) {
      return of(refused.rejection());
    }
    if (cause instanceof StatusReply.ErrorMessage error) {
      return Rejection.fromStatusText(error.getMessage()).map(ErrorResponses::of)
          .orElseGet(() -> internal(cause));
    }
    if (cause instanceof TimeoutException) {
      LOG.warn("An entity did not answer in time; answered 503: {}", cause.getMessage());
      return unavailable("The calendar did not answer in time, so the outcome is unknown. Retry; for a booking, send the same Idempotency-Key.");
    }
    return internal(cause);
  }

  /** The refusal behind a failure, when it is one of ours (not a timeout or a bug). */
  public static java.util.Optional<Rejection> rejectionOf(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RejectionException refused) {
      return java.util.Optional.of(refused.rejection());
    }
    if (cause instanceof StatusReply.ErrorMessage error) {
      return Rejection.fromStatusText(error.getMessage());
    }
    return java.util.Optional.empty();
  }

  public static HttpResponse unavailable(String message) {
    return of(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", message)
        .addHeader(RetryAfter.create(RETRY_AFTER_SECONDS));
  }

  static StatusCode status(RejectionCode code) {
    return switch (code) {
      case INVALID_REQUEST -> StatusCodes.BAD_REQUEST;
      case UNAUTHORIZED -> StatusCodes.UNAUTHORIZED;
      case FORBIDDEN -> StatusCodes.FORBIDDEN;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case SLOT_UNAVAILABLE, CONFLICT, CHANGE_TOO_LATE -> StatusCodes.CONFLICT;
      case IDEMPOTENCY_CONFLICT, LIMIT_EXCEEDED -> StatusCodes.UNPROCESSABLE_ENTITY;
      case PROVIDER_UNAVAILABLE -> StatusCodes.BAD_GATEWAY;
      case EXPIRED -> StatusCodes.SERVICE_UNAVAILABLE;
    };
  }

  private static HttpResponse internal(Throwable cause) {
    LOG.error("Unexpected failure while answering a request", cause);
    return of(StatusCodes.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side; it has been logged.");
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
