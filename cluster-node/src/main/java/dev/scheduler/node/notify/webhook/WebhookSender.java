package dev.scheduler.node.notify.webhook;

import dev.scheduler.node.config.SecretBox;
import dev.scheduler.node.notify.outbox.ConnectionSource;
import dev.scheduler.node.notify.outbox.OutboxMessage;
import dev.scheduler.node.notify.outbox.OutboxSender;
import dev.scheduler.node.notify.outbox.OutboxState;
import dev.scheduler.node.notify.outbox.SendOutcome;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook channel of the outbox: signs one row's body with its subscription's secret, POSTs
 * it, records the attempt in {@code webhook_deliveries}, and keeps the subscription's failing
 * streak. A subscription failing for {@code give-up-after} is disabled here, with its pending
 * deliveries, and one line is logged. The secret is opened only to sign; it is never logged.
 */
final class WebhookSender implements OutboxSender {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final ConnectionSource database;
  private final SecretBox box;
  private final WebhookHttp http;
  private final WebhookSettings settings;
  private final Clock clock;

  WebhookSender(ConnectionSource database, SecretBox box, WebhookHttp http, WebhookSettings settings, Clock clock) {
    this.database = database;
    this.box = box;
    this.http = http;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public SendOutcome send(OutboxMessage message) {
    try {
      Optional<Subscription> found;
      try (Connection connection = open()) {
        found = WebhookStore.byId(connection, message.recipient());
      }
      if (found.isEmpty()) {
        return new SendOutcome(SendOutcome.Status.PERMANENT, "the subscription was deleted");
      }
      Subscription subscription = found.get();
      if (!subscription.active()) {
        return new SendOutcome(SendOutcome.Status.PERMANENT, "the subscription is disabled");
      }
      return deliver(message, subscription);
    } catch (SQLException e) {
      return new SendOutcome(SendOutcome.Status.RETRY, "database: " + e.getMessage());
    }
  }

  private SendOutcome deliver(OutboxMessage message, Subscription subscription) throws SQLException {
    String eventId = message.hostId() + "-" + message.eventSeqNr();
    Instant at = clock.instant();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(WebhookSignature.EVENT_ID_HEADER, eventId);
    headers.put(WebhookSignature.HEADER, WebhookSignature.header(box.open(subscription.secretSealed(),
        subscription.id()), at.getEpochSecond(), message.payload()));
    WebhookHttp.Answer answer = http.post(URI.create(subscription.url()), headers, message.payload());
    Instant now = clock.instant();
    try (Connection connection = open()) {
      WebhookStore.recordAttempt(connection, new WebhookStore.Attempt(subscription.id(), eventId, message.kind(),
          message.attempts() + 1, at, answer.status(), answer.error(), answer.latencyMs()), settings.attemptsKept());
      if (answer.delivered()) {
        WebhookStore.setFailingSince(connection, subscription.id(), null);
        return new SendOutcome(SendOutcome.Status.SENT, answer.describe());
      }
      SubscriptionHealth health = SubscriptionHealth.afterFailure(subscription.failingSince(), now,
          settings.retry().giveUpAfter());
      if (!health.disable()) {
        WebhookStore.setFailingSince(connection, subscription.id(), health.failingSince());
        return new SendOutcome(SendOutcome.Status.RETRY, answer.describe());
      }
      String reason = health.reason(settings.retry().giveUpAfter(), answer.describe());
      if (WebhookStore.disable(connection, subscription.id(), reason, now)) {
        int ended = WebhookStore.endPending(connection, subscription.id(), OutboxState.FAILED.column(),
            "subscription disabled: " + reason, now);
        // The receiver's host only: a URL's path or query may hold the receiver's own token.
        LOG.warn("Webhook subscription {} of host {} (receiver {}) is disabled, {} deliveries dropped: {}. Fix the"
            + " receiver, then delete the subscription and create it again.", subscription.id(),
            subscription.hostId(), URI.create(subscription.url()).getHost(), ended, reason);
      }
      return new SendOutcome(SendOutcome.Status.PERMANENT, "subscription disabled: " + reason);
    }
  }

  private Connection open() throws SQLException {
    Connection connection = database.open();
    connection.setAutoCommit(true);
    return connection;
  }
}
