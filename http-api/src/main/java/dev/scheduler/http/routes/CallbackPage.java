package dev.scheduler.http.routes;

import dev.scheduler.http.ErrorResponses;
import dev.scheduler.protocol.connection.ConnectionView;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * What a host's browser shows after Google's consent screen: a short page saying which account is
 * now connected, or why connecting failed. API clients that ask for JSON get JSON instead.
 */
final class CallbackPage {
  private CallbackPage() {}

  static boolean wanted(String acceptHeader) {
    return acceptHeader != null && acceptHeader.contains("text/html");
  }

  static HttpResponse connected(ConnectionView connection) {
    String account = connection.account() == null ? "Your Google account" : connection.account();
    return page(StatusCodes.CREATED, "Google Calendar connected",
        escape(account) + " is connected. Its busy time now blocks your slots, and it keeps syncing in the "
            + "background. You can close this window.");
  }

  static HttpResponse failed(Throwable failure) {
    HttpResponse json = ErrorResponses.of(failure);
    String reason = ErrorResponses.rejectionOf(failure)
        .map(rejection -> rejection.message())
        .orElse("Something went wrong on our side; it has been logged. Please try again.");
    return page(json.status(), "Google Calendar was not connected", escape(reason));
  }

  private static HttpResponse page(StatusCode status, String title, String message) {
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
        + "<body style=\"font-family:sans-serif;max-width:32rem;margin:4rem auto\"><h1>" + title + "</h1><p>"
        + message + "</p></body></html>";
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, html));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
