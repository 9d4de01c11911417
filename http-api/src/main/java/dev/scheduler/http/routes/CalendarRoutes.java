package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.http.json.Json;
import dev.scheduler.http.json.RequestReader;
import dev.scheduler.http.json.ResponseWriter;
import dev.scheduler.http.json.CalendarJson;
import dev.scheduler.protocol.connection.CalendarConnections;
import java.net.URI;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/v1/hosts/{hostId}/calendars}: a host's external calendars. Host token only,
 * except that the admin may list, remove, pause and resume them (the host's calendar decides). */
public final class CalendarRoutes extends RouteSupport {
  private static final int MAX_URL = 2048;

  private final CalendarConnections connections;
  private final Credentials credentials;

  public CalendarRoutes(CalendarConnections connections, Credentials credentials) {
    this.connections = connections;
    this.credentials = credentials;
  }

  public Route routes(String hostId) {
    return withBearer(token -> concat(
        pathEndOrSingleSlash(() -> get(() -> respond(StatusCodes.OK,
            connections.list(hostId, credentials.accessTo(hostId, token)).thenApply(ResponseWriter::connections)))),
        path("ics", () -> post(() -> addIcs(hostId, token))),
        path(segment("google").slash("connect"), () -> get(() -> googleConnect(hostId, token))),
        path(segment().slash("pause"), connectionId -> post(() -> respond(StatusCodes.OK,
            connections.pause(hostId, credentials.accessTo(hostId, token), connectionId)
                .thenApply(ResponseWriter::connection)))),
        path(segment().slash("resume"), connectionId -> post(() -> respond(StatusCodes.OK,
            connections.resume(hostId, credentials.accessTo(hostId, token), connectionId)
                .thenApply(ResponseWriter::connection)))),
        path(segment().slash("account-calendars"), connectionId -> concat(
            get(() -> respond(StatusCodes.OK,
                connections.accountCalendars(hostId, credentials.accessTo(hostId, token), connectionId)
                    .thenApply(ResponseWriter::accountCalendars))),
            post(() -> addAccountCalendar(hostId, connectionId, token)))),
        path(segment(), connectionId -> concat(
            put(() -> configure(hostId, connectionId, token)),
            delete(() -> respond(StatusCodes.OK,
                connections.remove(hostId, credentials.accessTo(hostId, token), connectionId)
                    .thenApply(ResponseWriter::connection)))))));
  }

  private Route addIcs(String hostId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBody(CalendarJson.IcsRequest.class, body -> {
      String url = feedUrl(body.url());
      return respond(StatusCodes.CREATED, connections.addIcsFeed(hostId, access, url)
          .thenApply(ResponseWriter::connection));
    });
  }

  private Route addAccountCalendar(String hostId, String connectionId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBody(CalendarJson.AccountCalendarRequest.class, body -> {
      if (body.calendarId() == null || body.calendarId().isBlank()) {
        throw ApiError.invalid("calendarId is required: one of the ids GET .../account-calendars lists.");
      }
      return respond(connections.addAccountCalendar(hostId, access, connectionId, body.calendarId())
          .thenApply(added -> Json.response(added.created() ? StatusCodes.CREATED : StatusCodes.OK,
              ResponseWriter.connection(added.connection()))));
    });
  }

  private Route configure(String hostId, String connectionId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBody(CalendarJson.ConnectionSettingsRequest.class, body -> {
      if (body.countsForConflicts() == null && body.receivesBookings() == null) {
        throw ApiError.invalid("Give countsForConflicts, receivesBookings, or both.");
      }
      return respond(StatusCodes.OK, connections.configure(hostId, access, connectionId, body.countsForConflicts(),
          body.receivesBookings()).thenApply(ResponseWriter::connection));
    });
  }

  private Route googleConnect(String hostId, Optional<String> token) {
    return respond(StatusCodes.OK, connections.googleAuthorizationUrl(hostId, credentials.accessTo(hostId, token))
        .thenApply(CalendarJson.ConnectUrlResponse::new));
  }

  private static String feedUrl(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_URL) {
      throw ApiError.invalid("url is required: the address of an iCalendar feed, at most " + MAX_URL + " characters.");
    }
    RequestReader.wellFormed("url", text);
    String url = text.trim().replaceFirst("^webcal://", "https://");
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw ApiError.invalid("'" + text + "' is not an http(s) address of an iCalendar feed.");
      }
      return uri.toString();
    } catch (java.net.URISyntaxException e) {
      throw ApiError.invalid("'" + text + "' is not a valid address.");
    }
  }
}
