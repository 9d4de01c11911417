package dev.scheduler.node.readside;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import java.time.Instant;

/**
 * One event of a host's calendar as a read side receives it. {@code hostId} and
 * {@code sequenceNr} together name the event for ever: a handler with side effects uses
 * {@link #eventId()} to recognise an event it handled before a crash.
 */
public record HostEvent(String hostId, long sequenceNr, Instant writtenAt, HostCalendarEvent event) {

  /** Stable across restarts and replays, e.g. for a webhook's event id or a mail's Message-ID. */
  public String eventId() {
    return hostId + "-" + sequenceNr;
  }
}
