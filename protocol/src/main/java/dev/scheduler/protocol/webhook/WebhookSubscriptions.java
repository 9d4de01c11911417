package dev.scheduler.protocol.webhook;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.calendar.RejectionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A host's outbound webhooks: the node implements it (subscriptions in its database, checked
 * against the host's calendar for access), the webhook routes call it. Refusals fail the stage with
 * a {@link RejectionException} (or the host entity's refusal): 400 for a bad URL or event, 404 for
 * an unknown subscription, 422 past the limit per host.
 */
public interface WebhookSubscriptions {
  /** No webhooks (route tests): every call is refused as not found. */
  WebhookSubscriptions NONE = new WebhookSubscriptions() {
    @Override
    public CompletionStage<CreatedWebhook> create(String hostId, Access access, String url, List<String> events) {
      return none();
    }

    @Override
    public CompletionStage<List<WebhookView>> list(String hostId, Access access) {
      return none();
    }

    @Override
    public CompletionStage<WebhookView> get(String hostId, Access access, String subscriptionId) {
      return none();
    }

    @Override
    public CompletionStage<WebhookView> delete(String hostId, Access access, String subscriptionId) {
      return none();
    }

    @Override
    public CompletionStage<List<DeliveryAttemptView>> deliveries(String hostId, Access access,
        String subscriptionId) {
      return none();
    }

    private <T> CompletionStage<T> none() {
      return CompletableFuture.failedFuture(new RejectionException(RejectionCode.NOT_FOUND,
          "Webhooks are not available on this node."));
    }
  };

  /** Subscribes; the answer holds the signing secret, the only time it is shown. */
  CompletionStage<CreatedWebhook> create(String hostId, Access access, String url, List<String> events);

  CompletionStage<List<WebhookView>> list(String hostId, Access access);

  CompletionStage<WebhookView> get(String hostId, Access access, String subscriptionId);

  /** Removes it: its pending deliveries are never sent, its attempts are forgotten. */
  CompletionStage<WebhookView> delete(String hostId, Access access, String subscriptionId);

  /** Every attempt kept (the latest first). */
  CompletionStage<List<DeliveryAttemptView>> deliveries(String hostId, Access access, String subscriptionId);
}
