package dev.scheduler.node.connection;

import dev.scheduler.node.provider.AccountDirectory;
import dev.scheduler.node.provider.BookingCalendar;
import dev.scheduler.node.provider.BusyTimeSource;
import dev.scheduler.node.provider.ChangeNotifications;
import java.util.Optional;

/**
 * The source a connection reads from, the calendar in it that counts for conflicts and receives
 * bookings, its push notifications, its booking writes and its account's other calendars, where the
 * provider has them.
 */
public record SourceBinding(BusyTimeSource source, String calendarId, Optional<ChangeNotifications> notifications,
    Optional<BookingCalendar> bookings, Optional<AccountDirectory> directory) {

  public SourceBinding(BusyTimeSource source, String calendarId) {
    this(source, calendarId, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
