package dev.scheduler.http.json;

import dev.scheduler.http.json.BookingJson;
import dev.scheduler.http.json.BookingJson.BookingResponse;
import dev.scheduler.protocol.model.CalendarWrite;
import dev.scheduler.http.json.BookingJson.InviteeJson;
import dev.scheduler.http.json.BusyJson;
import dev.scheduler.http.json.CalendarJson;
import dev.scheduler.protocol.connection.CalendarConnections.AccountCalendarChoices;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.HostConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.http.json.EventTypeJson.BookingWindowJson;
import dev.scheduler.http.json.EventTypeJson.EventTypeResponse;
import dev.scheduler.http.json.HostJson.HostResponse;
import dev.scheduler.http.json.ScheduleJson;
import dev.scheduler.http.json.SlotsJson;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns domain values into JSON response shapes. Instants are written in UTC. */
public final class ResponseWriter {
  private ResponseWriter() {}

  public static HostResponse host(HostProfile host, String apiTokenOrNull) {
    return new HostResponse(host.id(), host.name(), host.email(), host.timeZone().getId(), apiTokenOrNull);
  }

  public static ScheduleJson schedule(Schedule schedule) {
    Map<String, List<ScheduleJson.Range>> weekly = new LinkedHashMap<>();
    schedule.weekly().forEach((day, ranges) -> weekly.put(day.name(), ranges(ranges)));
    List<ScheduleJson.DateOverride> overrides = new ArrayList<>();
    schedule.overrides().forEach((date, ranges) ->
        overrides.add(new ScheduleJson.DateOverride(date.toString(), ranges(ranges))));
    return new ScheduleJson(schedule.timeZone().getId(), weekly, overrides);
  }

  public static EventTypeResponse eventType(EventType t) {
    BookingWindow w = t.bookingWindow();
    return new EventTypeResponse(t.slug(), t.title(), t.durationMinutes(), t.slotIntervalMinutes(),
        t.bufferBeforeMinutes(), t.bufferAfterMinutes(), t.minimumNoticeMinutes(), w.days(),
        new BookingWindowJson(w.kind().wireName(), w.days(), date(w.firstDate()), date(w.lastDate())),
        t.maxBookingsPerDay(), t.inviteeChangeCutoffMinutes(), t.reminders().stream()
            .map(r -> new EventTypeJson.ReminderJson(r.beforeMinutes(), r.to().name().toLowerCase(Locale.ROOT)))
            .toList());
  }

  public static BusyJson.BusyResponse busy(String sourceId, List<Interval> intervals) {
    return new BusyJson.BusyResponse(sourceId, intervals.stream()
        .map(i -> new BusyJson.IntervalJson(instant(i.start()), instant(i.end())))
        .toList());
  }

  public static BookingResponse booking(String hostId, Booking b, String bookingTokenOrNull) {
    InviteeJson invitee = new InviteeJson(b.invitee().name(), b.invitee().email(), b.invitee().timeZone().getId());
    CalendarWrite w = b.calendarWrite();
    BookingJson.CalendarWriteJson write = w == null ? null
        : new BookingJson.CalendarWriteJson(w.connectionId(), w.status().wireName(), w.reason(), instant(w.at()));
    return new BookingResponse(b.id(), hostId, b.eventType(), instant(b.start()), instant(b.end()),
        b.status().name(), invitee, b.notes(), b.cancelReason(), instant(b.createdAt()), write, bookingTokenOrNull,
        b.revision());
  }

  /** Slots grouped under the local dates of {@code zone}, one entry for every date asked for. */
  public static SlotsJson slots(ZoneId zone, int durationMinutes, LocalDate first, LocalDate last, List<Slot> slots) {
    Map<LocalDate, List<SlotsJson.SlotJson>> byDate = new TreeMap<>();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      byDate.put(date, new ArrayList<>());
    }
    for (Slot slot : slots) {
      var local = slot.start().atZone(zone);
      List<SlotsJson.SlotJson> day = byDate.get(local.toLocalDate());
      if (day != null) {
        day.add(new SlotsJson.SlotJson(instant(slot.start()), instant(slot.end()),
            local.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
      }
    }
    List<SlotsJson.Day> days = new ArrayList<>();
    byDate.forEach((date, daySlots) -> days.add(new SlotsJson.Day(date.toString(), daySlots)));
    return new SlotsJson(zone.getId(), durationMinutes, days);
  }

  /** A connection as the host sees it (the host's choices are null once the host no longer lists it). */
  public static CalendarJson.ConnectionResponse connection(HostConnectionView hostView) {
    ConnectionView c = hostView.connection();
    String calendarId = c.calendarId() == null && c.provider() == ProviderKind.GOOGLE ? "primary" : c.calendarId();
    return new CalendarJson.ConnectionResponse(c.id(), c.provider().wireName(), c.label(), calendarId, c.account(),
        c.status().wireName(),
        instant(c.connectedAt()), instant(c.lastSuccessfulSync()), c.lastError(), instant(c.lastErrorAt()),
        c.busyIntervals(), hostView.countsForConflicts(), hostView.receivesBookings(), instant(c.nextRetryAt()));
  }

  public static CalendarJson.ConnectionsResponse connections(List<HostConnectionView> views) {
    return new CalendarJson.ConnectionsResponse(views.stream().map(ResponseWriter::connection).toList());
  }

  public static CalendarJson.AccountCalendarsResponse accountCalendars(AccountCalendarChoices choices) {
    return new CalendarJson.AccountCalendarsResponse(choices.account(), choices.calendars().stream()
        .map(choice -> {
          var c = choice.calendar();
          return new CalendarJson.AccountCalendarJson(c.calendarId(), c.summary(), c.primary(), c.accessRole(),
              c.timeZone(), choice.connectionId());
        })
        .toList());
  }

  private static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }

  public static String instant(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static List<ScheduleJson.Range> ranges(List<WallClockRange> ranges) {
    return ranges.stream().map(r -> new ScheduleJson.Range(r.startText(), r.endText())).toList();
  }
}
