package dev.scheduler.http.openapi;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.webhook.CreatedWebhook;
import dev.scheduler.protocol.webhook.DeliveryAttemptView;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import dev.scheduler.protocol.webhook.WebhookView;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Webhook subscriptions that answer every call with one subscription: the routes exist for every documented id. */
final class AnsweringWebhooks implements WebhookSubscriptions {
  private static WebhookView view(String id, String hostId) {
    return new WebhookView(id, hostId, "https://hooks.example.com/scheduler", List.of("booking.created"), "active",
        null, null, null, Instant.parse("2027-03-01T13:00:00Z"));
  }

  @Override
  public CompletionStage<CreatedWebhook> create(String hostId, Access access, String url, List<String> events) {
    return CompletableFuture.completedFuture(new CreatedWebhook(view("w1", hostId), "whsec_test"));
  }

  @Override
  public CompletionStage<List<WebhookView>> list(String hostId, Access access) {
    return CompletableFuture.completedFuture(List.of(view("w1", hostId)));
  }

  @Override
  public CompletionStage<WebhookView> get(String hostId, Access access, String id) {
    return CompletableFuture.completedFuture(view(id, hostId));
  }

  @Override
  public CompletionStage<WebhookView> delete(String hostId, Access access, String id) {
    return CompletableFuture.completedFuture(view(id, hostId).withState("deleted"));
  }

  @Override
  public CompletionStage<List<DeliveryAttemptView>> deliveries(String hostId, Access access, String id) {
    return CompletableFuture.completedFuture(List.of());
  }
}
