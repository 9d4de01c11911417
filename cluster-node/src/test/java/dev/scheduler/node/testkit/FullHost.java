package dev.scheduler.node.testkit;

import dev.scheduler.node.domain.HostLimits;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.IdempotencyRecord;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's state filled to the default limits: every busy source full of short intervals, every
 * event type, every active booking but one and every finished booking kept, an idempotency key
 * for each booking, and a schedule as large as a 64 KiB request can make it (about 2,100 ranges).
 * With {@code longText} every free text is as long as the API allows (1,000 characters; 255 for
 * idempotency keys), the worst case for the snapshot; otherwise texts are short, as usual.
 */
public final class FullHost {
  public static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
  public static final ZoneId UTC = ZoneId.of("UTC");
  /** One-minute meetings offered every minute, all day: the most starts a listing can have. */
  public static final String EVENT_TYPE = "type-0";

  private FullHost() {}

  public static HostCalendarState state(HostLimits limits, boolean longText) {
    return new HostCalendarState(profile(longText), schedule(), eventTypes(limits, longText), busy(limits),
        bookings(limits, longText), idempotency(limits, longText), Map.of(), null);
  }

  private static HostProfile profile(boolean longText) {
    return new HostProfile("host-full", text("Ann", longText), text("ann@example.com", longText), UTC,
        "a".repeat(64), NOW);
  }

  // All day every day, and 87 date overrides of 24 one-hour ranges each.
  private static Schedule schedule() {
    Map<DayOfWeek, List<WallClockRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.put(day, List.of(WallClockRange.parse("00:00", "24:00")));
    }
    List<WallClockRange> hours = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.add(WallClockRange.parse(String.format("%02d:00", hour), hour == 23 ? "24:00"
          : String.format("%02d:00", hour + 1)));
    }
    Map<LocalDate, List<WallClockRange>> overrides = new HashMap<>();
    for (int day = 0; day < 87; day++) {
      overrides.put(LocalDate.of(2027, 6, 1).plusDays(day), hours);
    }
    return new Schedule(UTC, weekly, overrides);
  }

  private static Map<String, EventType> eventTypes(HostLimits limits, boolean longText) {
    Map<String, EventType> types = new HashMap<>();
    for (int i = 0; i < limits.eventTypesPerHost(); i++) {
      EventType type = new EventType("type-" + i, text("Call", longText), 1, 1, 0, 0, 0, BookingWindow.indefinite(),
          null, 0);
      types.put(type.slug(), type);
    }
    return types;
  }

  // Three busy minutes in every eight, source after source, from NOW on.
  private static Map<String, List<Interval>> busy(HostLimits limits) {
    Map<String, List<Interval>> bySource = new HashMap<>();
    int sources = limits.busySourcesPerHost();
    for (int source = 0; source < sources; source++) {
      List<Interval> intervals = new ArrayList<>();
      for (int i = 0; i < limits.busyIntervalsPerSource(); i++) {
        Instant start = NOW.plus(Duration.ofMinutes(8L * (i * (long) sources + source)));
        intervals.add(new Interval(start, start.plus(Duration.ofMinutes(3))));
      }
      bySource.put("source-" + source, intervals);
    }
    return bySource;
  }

  // Active bookings one a day at 00:04 (inside a gap of the busy time), then the finished ones.
  private static Map<String, Booking> bookings(HostLimits limits, boolean longText) {
    Map<String, Booking> bookings = new HashMap<>();
    for (int i = 0; i < limits.activeBookingsPerHost() - 1; i++) {
      Instant start = NOW.plus(Duration.ofDays(i)).plus(Duration.ofMinutes(4));
      bookings.put("active-" + i, booking("active-" + i, start, BookingStatus.CONFIRMED, longText));
    }
    for (int i = 0; i < limits.finishedBookingsKept(); i++) {
      Instant start = NOW.plus(Duration.ofDays(i)).plus(Duration.ofMinutes(5));
      bookings.put("finished-" + i, booking("finished-" + i, start, BookingStatus.CANCELLED, longText));
    }
    return bookings;
  }

  private static Map<String, IdempotencyRecord> idempotency(HostLimits limits, boolean longText) {
    Map<String, IdempotencyRecord> records = new HashMap<>();
    for (int i = 0; i < limits.activeBookingsPerHost() - 1; i++) {
      records.put(key("active-" + i, longText), new IdempotencyRecord("f".repeat(64), "active-" + i, NOW));
    }
    return records;
  }

  private static Booking booking(String id, Instant start, BookingStatus status, boolean longText) {
    Invitee invitee = new Invitee(text("Bo", longText), text("bo@example.com", longText), UTC);
    return new Booking(id, EVENT_TYPE, start, start.plus(Duration.ofMinutes(1)), 0, 0, invitee,
        text("Looking forward", longText), status, status == BookingStatus.CANCELLED ? text("ill", longText) : null,
        key(id, longText), NOW, null);
  }

  private static String key(String id, boolean longText) {
    return longText ? (id + "-" + "k".repeat(255)).substring(0, 255) : "key-" + id;
  }

  private static String text(String base, boolean longText) {
    return longText ? (base + " " + "x".repeat(1000)).substring(0, 1000) : base;
  }
}
