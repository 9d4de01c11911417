package dev.scheduler.protocol.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as shown to its host: never its secret.
 *
 * @param state {@code active}, {@code disabled} (nothing more is sent: see the reason) or, in the
 *     answer to a delete, {@code deleted}
 * @param failingSince the first failed attempt since the last success, or null
 */
public record WebhookView(String id, String hostId, String url, List<String> events, String state,
    String disabledReason, Instant disabledSince, Instant failingSince, Instant createdAt) {

  public WebhookView {
    events = List.copyOf(events);
  }

  public WebhookView withState(String newState) {
    return new WebhookView(id, hostId, url, events, newState, disabledReason, disabledSince, failingSince, createdAt);
  }
}
