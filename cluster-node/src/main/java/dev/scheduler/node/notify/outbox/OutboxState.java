package dev.scheduler.node.notify.outbox;

import java.util.Locale;

/**
 * Where an outbound message stands. {@code PENDING} waits for its {@code due_at}; {@code SENT} and
 * {@code FAILED} are final; {@code OBSOLETE} is a pending message that no longer applies (a
 * reminder of a booking cancelled or moved) and is never sent.
 */
public enum OutboxState {
  PENDING,
  SENT,
  FAILED,
  OBSOLETE;

  /** The value stored in {@code notify_outbox.state}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OutboxState ofColumn(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
