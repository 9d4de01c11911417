package dev.scheduler.protocol.model;

import java.util.Locale;

/** Where a booking's copy in the host's external calendar stands. */
public enum CalendarWriteStatus {
  /** The write is queued in the journal and being retried until it lands. */
  PENDING,
  WRITTEN,
  /** It will not land (the provider refused it, or the connection is gone); {@code reason} says why. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
