package dev.scheduler.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scheduler.protocol.webhook.CreatedWebhook;
import dev.scheduler.protocol.webhook.DeliveryAttemptView;
import dev.scheduler.protocol.webhook.WebhookView;
import java.time.Instant;
import java.util.List;

/** JSON shapes of a host's webhook subscriptions. The secret appears in the 201 of a create only. */
public final class WebhookJson {
  private WebhookJson() {}

  public record WebhookRequest(String url, List<String> events) {}

  /** {@code secret} is null (left out) everywhere but in the answer to the create. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebhookResponse(String id, String url, List<String> events, String state, String disabledReason,
      String disabledSince, String failingSince, String createdAt, String secret) {}

  public record WebhooksResponse(List<WebhookResponse> webhooks) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryJson(String eventId, String eventType, int attempt, String at, Integer status, String error,
      long latencyMs) {}

  public record DeliveriesResponse(List<DeliveryJson> deliveries) {}

  public static WebhookResponse created(CreatedWebhook created) {
    return response(created.webhook(), created.secret());
  }

  public static WebhookResponse webhook(WebhookView view) {
    return response(view, null);
  }

  public static WebhooksResponse webhooks(List<WebhookView> views) {
    return new WebhooksResponse(views.stream().map(WebhookJson::webhook).toList());
  }

  public static DeliveriesResponse deliveries(List<DeliveryAttemptView> attempts) {
    return new DeliveriesResponse(attempts.stream().map(a -> new DeliveryJson(a.eventId(), a.eventType(),
        a.attempt(), text(a.at()), a.status(), a.error(), a.latencyMs())).toList());
  }

  private static WebhookResponse response(WebhookView v, String secret) {
    return new WebhookResponse(v.id(), v.url(), v.events(), v.state(), v.disabledReason(), text(v.disabledSince()),
        text(v.failingSince()), text(v.createdAt()), secret);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
