package dev.scheduler.node.connection;

import dev.scheduler.node.calendars.BookingCalendar;
import dev.scheduler.node.calendars.BusyTimeSource;
import dev.scheduler.node.calendars.ChangeNotifications;
import java.util.Optional;

/**
 * The source a connection reads from, the calendar in it that counts for conflicts and receives
 * bookings, its push notifications and its booking writes, where the provider has them.
 */
public record SourceBinding(BusyTimeSource source, String calendarId, Optional<ChangeNotifications> notifications,
    Optional<BookingCalendar> bookings) {

  public SourceBinding(BusyTimeSource source, String calendarId) {
    this(source, calendarId, Optional.empty(), Optional.empty());
  }
}
