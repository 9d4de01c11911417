package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.CborSerializable;
import java.util.List;

/** The calendars of a provider account that a connection can read, as the provider lists them. */
public record AccountCalendars(String account, List<AccountCalendar> calendars) implements CborSerializable {

  /** {@code accessRole}: owner, writer, reader or freeBusyReader (only the first two can receive bookings). */
  public record AccountCalendar(String calendarId, String summary, boolean primary, String accessRole, String timeZone)
      implements CborSerializable {}
}
