package dev.scheduler.node.notify.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A row of {@code webhook_subscriptions}. The secret is sealed; it is opened only to sign a delivery.
 *
 * @param disabledReason why a disabled subscription gets nothing more, else null
 * @param failingSince the first failed attempt since the last success, or null
 */
record Subscription(String id, String hostId, String url, List<WebhookEventType> events, String secretSealed,
    boolean active, String disabledReason, Instant disabledSince, Instant failingSince, Instant createdAt) {

  Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(url, "url");
    events = List.copyOf(events);
    Objects.requireNonNull(secretSealed, "secretSealed");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  boolean wants(WebhookEventType type) {
    return active && events.contains(type);
  }
}
