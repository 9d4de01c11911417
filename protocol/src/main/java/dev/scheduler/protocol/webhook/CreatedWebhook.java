package dev.scheduler.protocol.webhook;

/** A new subscription with its signing secret: the one answer that ever holds the secret. */
public record CreatedWebhook(WebhookView webhook, String secret) {
  @Override
  public String toString() {
    return "CreatedWebhook[webhook=" + webhook + ", secret=<hidden>]";
  }
}
