package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.http.json.WebhookJson;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/v1/hosts/{hostId}/webhooks}: a host's outbound webhooks. Host token or admin token,
 * as for the host itself; the host's calendar decides. Only translates HTTP.
 */
public final class WebhookRoutes extends RouteSupport {
  private static final int MAX_EVENTS = 10;

  private final WebhookSubscriptions webhooks;
  private final Credentials credentials;

  public WebhookRoutes(WebhookSubscriptions webhooks, Credentials credentials) {
    this.webhooks = webhooks;
    this.credentials = credentials;
  }

  public Route routes(String hostId) {
    return withBearer(token -> concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> respond(StatusCodes.OK, webhooks.list(hostId, credentials.accessTo(hostId, token))
                .thenApply(WebhookJson::webhooks))),
            post(() -> create(hostId, token)))),
        path(segment().slash("deliveries"), id -> get(() -> respond(StatusCodes.OK,
            webhooks.deliveries(hostId, credentials.accessTo(hostId, token), id)
                .thenApply(WebhookJson::deliveries)))),
        path(segment(), id -> concat(
            get(() -> respond(StatusCodes.OK, webhooks.get(hostId, credentials.accessTo(hostId, token), id)
                .thenApply(WebhookJson::webhook))),
            delete(() -> respond(StatusCodes.OK, webhooks.delete(hostId, credentials.accessTo(hostId, token), id)
                .thenApply(WebhookJson::webhook)))))));
  }

  private Route create(String hostId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBody(WebhookJson.WebhookRequest.class, body -> {
      List<String> events = body.events();
      if (events != null && events.size() > MAX_EVENTS) {
        throw ApiError.invalid("events: at most " + MAX_EVENTS + " names.");
      }
      return respond(StatusCodes.CREATED, webhooks.create(hostId, access, body.url(), events)
          .thenApply(WebhookJson::created));
    });
  }
}
