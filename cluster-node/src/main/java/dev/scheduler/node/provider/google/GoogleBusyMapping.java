package dev.scheduler.node.provider.google;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import dev.scheduler.protocol.model.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Which Google events block a host's time: not cancelled, opaque, and not declined by the host.
 * All-day events block whole days in the event's own zone (the calendar's when the event has none),
 * from local midnight to local midnight, so a day off in Tokyo is a day off in Tokyo.
 */
public final class GoogleBusyMapping {
  private GoogleBusyMapping() {}

  public static Optional<Interval> busyOf(Event event, ZoneId calendarZone) {
    if ("cancelled".equals(event.getStatus()) || "transparent".equals(event.getTransparency())) {
      return Optional.empty();
    }
    if (declinedByHost(event.getAttendees()) || event.getStart() == null || event.getEnd() == null) {
      return Optional.empty();
    }
    Instant start = instant(event.getStart(), calendarZone);
    Instant end = instant(event.getEnd(), calendarZone);
    return start.isBefore(end) ? Optional.of(new Interval(start, end)) : Optional.empty();
  }

  private static boolean declinedByHost(List<EventAttendee> attendees) {
    return attendees != null && attendees.stream()
        .anyMatch(a -> Boolean.TRUE.equals(a.getSelf()) && "declined".equals(a.getResponseStatus()));
  }

  private static Instant instant(EventDateTime time, ZoneId calendarZone) {
    if (time.getDateTime() != null) {
      return Instant.ofEpochMilli(time.getDateTime().getValue());
    }
    ZoneId zone = time.getTimeZone() != null ? ZoneId.of(time.getTimeZone()) : calendarZone;
    return LocalDate.parse(time.getDate().toStringRfc3339()).atStartOfDay(zone).toInstant();
  }
}
