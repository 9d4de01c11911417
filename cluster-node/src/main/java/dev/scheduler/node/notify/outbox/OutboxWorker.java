package dev.scheduler.node.notify.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a channel's dispatcher, blocking: take the due pending messages, send each, record
 * each result. No connection is held while a message is sent, so a slow server costs a thread,
 * not a connection of the shared pool.
 */
public final class OutboxWorker {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final String channel;
  private final ConnectionSource database;
  private final OutboxSender sender;
  private final RetryPolicy retry;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private final int batchSize;
  private final boolean inBookingOrder;
  private final OutboxDeliveries deliveries;

  public OutboxWorker(String channel, ConnectionSource database, OutboxSender sender, RetryPolicy retry,
      Clock clock, DoubleSupplier jitter, int batchSize) {
    this(channel, database, sender, retry, clock, jitter, batchSize, false, OutboxDeliveries.uncounted(channel));
  }

  private OutboxWorker(String channel, ConnectionSource database, OutboxSender sender, RetryPolicy retry,
      Clock clock, DoubleSupplier jitter, int batchSize, boolean inBookingOrder, OutboxDeliveries deliveries) {
    this.channel = channel;
    this.database = database;
    this.sender = sender;
    this.retry = retry;
    this.clock = clock;
    this.jitter = jitter;
    this.batchSize = batchSize;
    this.inBookingOrder = inBookingOrder;
    this.deliveries = deliveries;
  }

  /**
   * The same worker, sending a booking's messages to one recipient strictly in journal order: a
   * message waits while an earlier one of its booking to that recipient is pending (webhooks).
   */
  public OutboxWorker inBookingOrder() {
    return new OutboxWorker(channel, database, sender, retry, clock, jitter, batchSize, true, deliveries);
  }

  /** The same worker, counting each message's outcome in {@code registry}. */
  public OutboxWorker countedIn(MeterRegistry registry) {
    return new OutboxWorker(channel, database, sender, retry, clock, jitter, batchSize, inBookingOrder,
        OutboxDeliveries.counted(registry, channel));
  }

  public int batchSize() {
    return batchSize;
  }

  /** Sends what is due now; answers how many messages were tried. */
  public int runOnce() throws SQLException {
    List<OutboxMessage> due;
    try (Connection connection = open()) {
      due = inBookingOrder
          ? BookingOrder.sendable(OutboxStore.dueInBookingOrder(connection, channel, clock.instant(), batchSize))
          : OutboxStore.due(connection, channel, clock.instant(), batchSize);
    }
    for (OutboxMessage message : due) {
      if (message.expiresAt() != null && !clock.instant().isBefore(message.expiresAt())) {
        // Due while no node could send it (say the cluster was down) and too late now.
        try (Connection connection = open()) {
          if (OutboxStore.expire(connection, message, "expired unsent at " + message.expiresAt(), clock.instant())) {
            deliveries.count(OutboxDeliveries.Outcome.OBSOLETE);
          }
        }
      } else {
        recordOutcome(message, sendSafely(message));
      }
    }
    return due.size();
  }

  private SendOutcome sendSafely(OutboxMessage message) {
    try {
      return sender.send(message);
    } catch (RuntimeException e) {
      // A bug or a surprise in one message must not stop the others; it is retried like an outage.
      LOG.warn("Sending {} message {} threw", channel, message.messageId(), e);
      return new SendOutcome(SendOutcome.Status.RETRY, "unexpected error: " + e);
    }
  }

  // Counted as the attempt went, whether or not the row changed meanwhile (made obsolete while
  // sending): the message was sent, or not, all the same.
  private void recordOutcome(OutboxMessage message, SendOutcome outcome) throws SQLException {
    Instant now = clock.instant();
    switch (outcome.status()) {
      case SENT -> {
        deliveries.count(OutboxDeliveries.Outcome.SENT);
        record(message, OutboxState.SENT, message.dueAt(), null, now);
      }
      case PERMANENT -> fail(message, outcome.reason(), now);
      case RETRY -> {
        Optional<Instant> next = retry.nextAttempt(message.attempts() + 1, message.createdAt(), now,
            jitter.getAsDouble());
        if (next.isPresent()) {
          deliveries.count(OutboxDeliveries.Outcome.RETRY);
          record(message, OutboxState.PENDING, next.get(), outcome.reason(), now);
        } else {
          fail(message, "gave up after " + (message.attempts() + 1) + " attempts: " + outcome.reason(), now);
        }
      }
    }
  }

  private void fail(OutboxMessage message, String reason, Instant now) throws SQLException {
    deliveries.count(OutboxDeliveries.Outcome.FAILED);
    if (record(message, OutboxState.FAILED, message.dueAt(), reason, now)) {
      LOG.warn("{} {} of booking {} (host {}) to the {} failed for good: {}", channel, message.kind(),
          message.bookingId(), message.hostId(), message.audience(), reason);
    }
  }

  private boolean record(OutboxMessage message, OutboxState state, Instant dueAt, String reason, Instant now)
      throws SQLException {
    try (Connection connection = open()) {
      return OutboxStore.record(connection, message, state, dueAt, reason, now);
    }
  }

  private Connection open() throws SQLException {
    Connection connection = database.open();
    connection.setAutoCommit(true);
    return connection;
  }
}
