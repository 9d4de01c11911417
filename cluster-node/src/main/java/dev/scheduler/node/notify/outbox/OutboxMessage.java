package dev.scheduler.node.notify.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code notify_outbox}: a message to one recipient over one channel, with what its
 * channel needs to compose it ({@code payload}, channel-specific text such as JSON).
 *
 * @param messageId stable for ever (derived from the journal event and the audience): inserting it
 *     again adds nothing
 * @param eventSeqNr the host-journal sequence number of the event that made it, for ordering
 * @param audience which side of the booking it is for (e.g. {@code invitee}, {@code host})
 * @param recipient the address it goes to
 * @param expiresAt null, or when a message still pending stops applying and becomes obsolete
 *     unsent (a reminder once its booking has started)
 */
public record OutboxMessage(
    String messageId,
    String channel,
    String hostId,
    String bookingId,
    long eventSeqNr,
    String audience,
    String recipient,
    String kind,
    String payload,
    Instant dueAt,
    Instant expiresAt,
    int attempts,
    OutboxState state,
    String lastError,
    Instant createdAt) {

  public OutboxMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(bookingId, "bookingId");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new message, due at once or at {@code dueAt}, not yet tried. */
  public static OutboxMessage pending(String messageId, String channel, String hostId, String bookingId,
      long eventSeqNr, String audience, String recipient, String kind, String payload, Instant dueAt,
      Instant createdAt) {
    return new OutboxMessage(messageId, channel, hostId, bookingId, eventSeqNr, audience, recipient, kind, payload,
        dueAt, null, 0, OutboxState.PENDING, null, createdAt);
  }

  public OutboxMessage withExpiresAt(Instant newExpiresAt) {
    return new OutboxMessage(messageId, channel, hostId, bookingId, eventSeqNr, audience, recipient, kind, payload,
        dueAt, newExpiresAt, attempts, state, lastError, createdAt);
  }
}
