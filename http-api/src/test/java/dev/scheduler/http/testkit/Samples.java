package dev.scheduler.http.testkit;

import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CancelBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetEventTypes;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSlots;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListBookings;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RescheduleBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ScheduleView;
import dev.scheduler.protocol.calendar.HostCalendarReplies.SlotList;
import dev.scheduler.protocol.connection.AccountCalendars.AccountCalendar;
import dev.scheduler.protocol.connection.CalendarConnections.AccountCalendarChoices;
import dev.scheduler.protocol.connection.ConnectionStatus;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.HostConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Plausible replies for the fakes, so that a test scripts only what it is about. */
public final class Samples {
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  public static final Instant CREATED_AT = Instant.parse("2027-02-01T10:00:00Z");
  public static final Instant START = Instant.parse("2027-03-15T13:00:00Z");

  private Samples() {}

  public static HostProfile host(String hostId) {
    return new HostProfile(hostId, "Ann", "ann@example.com", NEW_YORK, "0".repeat(64), CREATED_AT);
  }

  public static EventType eventType(String slug) {
    return new EventType(slug, "Intro call", 30, 30, 0, 10, 120, BookingWindow.rolling(60), null, 0);
  }

  public static Booking booking(String bookingId) {
    return new Booking(bookingId, "intro", START, START.plus(Duration.ofMinutes(30)), 0, 10,
        new Invitee("Bo", "bo@example.com", ZoneId.of("Europe/Paris")), "Hi", BookingStatus.CONFIRMED, null, null,
        CREATED_AT, null);
  }

  public static ConnectionView icsConnection(String connectionId, String hostId) {
    return new ConnectionView(connectionId, hostId, ProviderKind.ICS, "https://example.com/feed.ics",
        ConnectionStatus.OK, CREATED_AT, CREATED_AT, null, null, 3, null, null, null);
  }

  public static ConnectionView googleConnection(String connectionId, String hostId, String account) {
    return new ConnectionView(connectionId, hostId, ProviderKind.GOOGLE, "Work", ConnectionStatus.SYNCING,
        CREATED_AT, null, null, null, 0, null, account, null);
  }

  public static HostConnectionView hostView(ConnectionView connection) {
    return new HostConnectionView(connection, true, connection.provider() == ProviderKind.GOOGLE);
  }

  public static AccountCalendarChoices accountCalendars(String account, String connectionId) {
    return new AccountCalendarChoices(account, List.of(
        new AccountCalendarChoices.Choice(new AccountCalendar("primary", "Ann", true, "owner", "Europe/Paris"),
            connectionId),
        new AccountCalendarChoices.Choice(new AccountCalendar("team@group", "Team", false, "reader", "UTC"), null)));
  }

  /** What a healthy host entity would answer to {@code command}. */
  public static Object replyTo(String hostId, HostCalendarCommand command) {
    if (command instanceof CreateHost c) {
      return c.host();
    } else if (command instanceof GetHost) {
      return host(hostId);
    } else if (command instanceof SetSchedule c) {
      return new ScheduleView(c.schedule());
    } else if (command instanceof GetSchedule) {
      return new ScheduleView(Schedule.empty(NEW_YORK));
    } else if (command instanceof SaveEventType c) {
      return c.eventType();
    } else if (command instanceof GetEventTypes) {
      return new EventTypeList(List.of(eventType("intro")));
    } else if (command instanceof ReplaceBusy c) {
      return new BusySource(c.sourceId(), c.intervals());
    } else if (command instanceof GetSlots c) {
      ZoneId zone = c.timeZone() == null ? NEW_YORK : c.timeZone();
      Instant first = c.startDate().atTime(9, 0).atZone(zone).toInstant();
      return new SlotList(eventType(c.eventType()), zone, List.of(new Slot(first, first.plus(Duration.ofMinutes(30)))));
    } else if (command instanceof Book c) {
      var r = c.request();
      return new BookingResult(new Booking(r.bookingId(), r.eventType(), r.start(), r.start().plus(Duration.ofMinutes(30)),
          0, 10, r.invitee(), r.notes(), BookingStatus.CONFIRMED, null, r.idempotencyKey(), CREATED_AT, null), false);
    } else if (command instanceof ListBookings) {
      return new BookingList(List.of(booking("b1")));
    } else if (command instanceof GetBooking c) {
      return booking(c.bookingId());
    } else if (command instanceof CancelBooking c) {
      return booking(c.bookingId()).cancelled(c.reason());
    } else if (command instanceof dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections) {
      return new dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList(java.util.Map.of("c-ics",
          new dev.scheduler.protocol.calendar.HostConnection(ProviderKind.ICS, true)), null, NEW_YORK);
    } else if (command instanceof dev.scheduler.protocol.calendar.HostCalendarCommand.RetryCalendarWrite c) {
      return booking(c.bookingId());
    } else if (command instanceof RescheduleBooking c) {
      return booking(c.bookingId()).movedTo(c.newStart(), c.newStart().plus(Duration.ofMinutes(30)));
    }
    throw new IllegalArgumentException("no sample reply to " + command.getClass().getSimpleName());
  }
}
