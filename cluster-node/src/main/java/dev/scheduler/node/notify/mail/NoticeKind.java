package dev.scheduler.node.notify.mail;

/**
 * What a booking mail tells. A cancellation carries iTIP {@code METHOD:CANCEL}; every other kind
 * {@code METHOD:REQUEST}, so that a mail client adds the event or updates the one it has.
 */
public enum NoticeKind {
  CONFIRMED,
  CANCELLED,
  RESCHEDULED,
  REMINDER;

  public boolean cancels() {
    return this == CANCELLED;
  }
}
