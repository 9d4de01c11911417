package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Short constructors for the records the availability tests build by hand. */
final class Fixtures {
  static final ZoneId UTC = ZoneId.of("UTC");

  private Fixtures() {}

  static Instant at(String isoInstant) {
    return Instant.parse(isoInstant);
  }

  static WallClockRange range(String start, String end) {
    return WallClockRange.parse(start, end);
  }

  static Schedule weekly(ZoneId zone, DayOfWeek day, WallClockRange... ranges) {
    return new Schedule(zone, Map.of(day, List.of(ranges)), Map.of());
  }

  static Schedule everyDay(ZoneId zone, WallClockRange... ranges) {
    Map<DayOfWeek, List<WallClockRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.put(day, List.of(ranges));
    }
    return new Schedule(zone, weekly, Map.of());
  }

  static Schedule withOverride(Schedule schedule, LocalDate date, WallClockRange... ranges) {
    return new Schedule(schedule.timeZone(), schedule.weekly(), Map.of(date, List.of(ranges)));
  }

  static Interval busy(String start, String end) {
    return new Interval(at(start), at(end));
  }

  static Booking confirmed(
      String slug, String start, String end, int bufferBefore, int bufferAfter) {
    return booking(slug, at(start), at(end), bufferBefore, bufferAfter, BookingStatus.CONFIRMED);
  }

  static Booking booking(String slug, Instant start, Instant end, int bufferBefore, int bufferAfter,
      BookingStatus status) {
    Invitee invitee = new Invitee("Ada", "ada@example.com", UTC);
    return new Booking("booking-" + slug + "-" + start, slug, start, end, bufferBefore,
        bufferAfter, invitee, "", status, null, "key-" + start, start.minusSeconds(86_400), null);
  }

  /** The real-time span of one local date, so a test can ask for exactly that date's slots. */
  static Instant startOfLocalDay(LocalDate date, ZoneId zone) {
    return ZonedDateTime.of(date.atStartOfDay(), zone).toInstant();
  }

  static List<Instant> starts(List<Slot> slots) {
    return slots.stream().map(Slot::start).toList();
  }

  static List<Instant> instants(String... isoInstants) {
    return Arrays.stream(isoInstants).map(Instant::parse).toList();
  }
}
