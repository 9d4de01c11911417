package dev.scheduler.http.routes;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.json.Json;
import dev.scheduler.http.json.ResponseWriter;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.CalendarConnections;
import dev.scheduler.protocol.connection.HostConnectionView;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Addresses that Google calls: the OAuth redirect after consent, and push notifications. Neither
 * carries our API tokens; each proves itself with what we signed (the OAuth state, the channel token).
 */
public final class IntegrationRoutes extends RouteSupport {
  private final CalendarConnections connections;

  public IntegrationRoutes(CalendarConnections connections) {
    this.connections = connections;
  }

  /**
   * {@code GET /oauth/google/callback?code=&state=} (or {@code ?error=} when the host said no). The
   * host's browser arrives here from Google's consent screen and gets a page; JSON clients get JSON.
   */
  public Route googleCallback() {
    return path(Paths.GOOGLE_CALLBACK, () -> get(() -> optionalHeaderValueByName("Accept", accept ->
        parameterOptional("error", error -> parameterOptional("code", code -> parameterOptional("state", state -> {
          CompletionStage<HostConnectionView> connected;
          if (error.isPresent()) {
            connected = CompletableFuture.failedFuture(ApiError.invalid("Google did not grant access: " + error.get() + "."));
          } else if (code.isEmpty() || state.isEmpty()) {
            connected = CompletableFuture.failedFuture(ApiError.invalid("The OAuth callback needs code and state."));
          } else {
            connected = connections.completeGoogleConnection(code.get(), state.get());
          }
          if (CallbackPage.wanted(accept.orElse(null))) {
            return completeWithFuture(connected.handle((view, failure) ->
                failure == null ? CallbackPage.connected(view.connection()) : CallbackPage.failed(failure)));
          }
          return respond(StatusCodes.CREATED, connected.thenApply(ResponseWriter::connection));
        }))))));
  }

  /**
   * {@code POST /webhooks/google}: answers at once and lets the connection read the changes. An
   * unknown channel or a wrong token is refused and ignored; duplicates and reordering are harmless
   * because a notification only says "read changes now".
   */
  public Route googleWebhook() {
    return path(Paths.GOOGLE_WEBHOOK, () -> post(() ->
        optionalHeaderValueByName("X-Goog-Channel-ID", channel ->
            optionalHeaderValueByName("X-Goog-Channel-Token", token ->
                optionalHeaderValueByName("X-Goog-Resource-State", state -> {
                  String connectionId = connections.connectionOfChannel(channel.orElse(""), token.orElse(""))
                      .orElseThrow(() -> new ApiError(RejectionCode.UNAUTHORIZED, "Unknown channel or wrong channel token."));
                  connections.syncNow(connectionId, "push " + state.orElse("?"));
                  return complete(Json.response(StatusCodes.OK, Map.of("status", "accepted")));
                })))));
  }
}
