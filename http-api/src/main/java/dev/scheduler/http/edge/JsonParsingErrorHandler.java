package dev.scheduler.http.edge;

import dev.scheduler.http.json.Json;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers the requests that pekko-http refuses before any route sees them (431 headers too large
 * or too many, 414 URI too long, 413 entity too large, 400 bad framing) in the API's JSON error
 * shape instead of plain text. Named by {@code pekko.http.server.parsing.error-handler}; pekko-http
 * creates it through its no-argument constructor.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {
  /** The parser's summary names the limit broken; it is cut so that no long request part is echoed. */
  private static final int MAX_SUMMARY = 200;

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    String summary = shortened(info.summary());
    int code = tooManyHeaders(status, summary) ? 431 : status.intValue();
    // One line per refused request: these come from clients, so they are not our errors.
    log.warning("Refused an unreadable request with {}: {}", code, summary);
    return response(org.apache.pekko.http.javadsl.model.StatusCodes.get(code), message(code, summary));
  }

  /**
   * pekko-http answers too many headers with 400; RFC 6585 has 431 for header fields that are too
   * large "individually or in aggregate", which lets a client tell this from broken framing.
   */
  private static boolean tooManyHeaders(StatusCode status, String summary) {
    return status.intValue() == 400 && summary.contains("configured limit of") && summary.endsWith("headers");
  }

  static HttpResponse response(org.apache.pekko.http.javadsl.model.StatusCode status, String message) {
    String code = status.intValue() == 408 ? "request_timeout" : "invalid_request";
    return HttpResponse.create().withStatus(status)
        .withEntity(ContentTypes.APPLICATION_JSON, Json.errorText(code, message));
  }

  private static String message(int status, String summary) {
    String what = switch (status) {
      case 431 -> "The request's headers are too large or too many.";
      case 414 -> "The request's URL is too long.";
      case 413 -> "The request's body is too large.";
      case 408 -> "The request did not arrive in time.";
      default -> "The request is not well-formed HTTP.";
    };
    return summary.isEmpty() ? what : what + " " + summary;
  }

  private static String shortened(String summary) {
    String text = summary == null ? "" : summary.strip();
    return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY) + "...";
  }
}
