package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;

/**
 * The latest write of a booking to the host's external calendar. {@code version} counts the
 * booking's changes that were sent to the calendar (book, reschedule, cancel): a report about an
 * older version is stale and does not change the status.
 */
public record CalendarWrite(String connectionId, long version, CalendarWriteStatus status, String reason, Instant at)
    implements CborSerializable {

  public static CalendarWrite pending(CalendarWriteIntent intent, Instant at) {
    return new CalendarWrite(intent.connectionId(), intent.version(), CalendarWriteStatus.PENDING, null, at);
  }

  public CalendarWriteIntent next() {
    return new CalendarWriteIntent(connectionId, version + 1);
  }
}
