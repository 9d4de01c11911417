package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates availability questions that stress time zones: windows placed around DST transitions,
 * ranges whose ends sit on transition hours, and busy time and bookings near the window.
 */
final class AvailabilityScenarios {
  /** Santiago changes its clocks at midnight: some dates begin at 01:00, others have 25 hours. */
  static final List<ZoneId> ZONES = zones("America/New_York", "Europe/Amsterdam",
      "America/Chicago", "Asia/Kolkata", "America/St_Johns", "Australia/Adelaide",
      "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe", "America/Santiago", "UTC");

  private static final long FIRST_ANCHOR = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST_ANCHOR = Instant.parse("2030-12-31T00:00:00Z").getEpochSecond();
  private static final int DAY = 24 * 60;

  private AvailabilityScenarios() {}

  static Arbitrary<AvailabilityScenario> scenarios() {
    return Arbitraries.of(ZONES).flatMap(zone -> windows(zone).flatMap(
        window -> scenarioIn(zone, window.get1(), window.get2())));
  }

  private static Arbitrary<AvailabilityScenario> scenarioIn(ZoneId zone, Instant from, Instant to) {
    Arbitrary<Schedule> schedule = Combinators.combine(weekly(), overrides(zone, from, to))
        .as((weekly, overrides) -> new Schedule(zone, weekly, overrides));
    // Often on a quarter hour, like many range starts, so that now + notice and now + window
    // sometimes land exactly on a slot start and their inclusive/exclusive ends get tested.
    Arbitrary<Instant> anyNow = Combinators.combine(instantsAround(from, -2 * DAY, DAY / 4),
        seconds()).as(Instant::plusSeconds);
    Arbitrary<Instant> now = Arbitraries.frequencyOf(
        Tuple.of(1, anyNow), Tuple.of(1, anyNow.map(AvailabilityScenarios::quarterHourBefore)));
    return Combinators.combine(schedule, eventTypes(zone, from, to), busy(from, to), bookings(from, to), now)
        .as((s, type, busy, bookings, at) -> new AvailabilityScenario(s, type, busy, bookings, from, to, at));
  }

  /** Windows of one to five days; five in six contain a transition of the zone, if it has any. */
  private static Arbitrary<Tuple.Tuple2<Instant, Instant>> windows(ZoneId zone) {
    Arbitrary<Instant> anchor = Arbitraries.longs().between(FIRST_ANCHOR, LAST_ANCHOR)
        .map(Instant::ofEpochSecond);
    Arbitrary<Instant> center = Arbitraries.frequencyOf(
        Tuple.of(5, anchor.map(instant -> nextTransitionOrSelf(zone, instant))),
        Tuple.of(1, anchor));
    Arbitrary<Integer> lengthMinutes = Arbitraries.integers().between(DAY, 5 * DAY);
    Arbitrary<Integer> centerPercent = Arbitraries.integers().between(0, 100);
    return Combinators.combine(center, lengthMinutes, centerPercent, seconds())
        .as((middle, length, percent, second) -> {
          Instant from = middle.minusSeconds(60L * (length * percent / 100))
              .truncatedTo(ChronoUnit.MINUTES).plusSeconds(second);
          return Tuple.of(from, from.plusSeconds(60L * length));
        });
  }

  /** Mostly whole minutes, sometimes not, so that no bound can silently assume whole minutes. */
  private static Arbitrary<Long> seconds() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.longs().between(1, 59)));
  }

  private static Instant quarterHourBefore(Instant instant) {
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), 900L) * 900L);
  }

  private static Instant nextTransitionOrSelf(ZoneId zone, Instant instant) {
    ZoneOffsetTransition next = zone.getRules().nextTransition(instant);
    return next == null ? instant : next.getInstant();
  }

  /**
   * Without edge cases: inside a flatMap jqwik injects them so often that most weeks came out
   * entirely empty. Range ends at 00:00 and 24:00 still come from minuteOfDay's own weights.
   */
  private static Arbitrary<Map<DayOfWeek, List<WallClockRange>>> weekly() {
    return dayRanges(3).list().ofSize(7).withoutEdgeCases().map(perDay -> {
      Map<DayOfWeek, List<WallClockRange>> weekly = new EnumMap<>(DayOfWeek.class);
      IntStream.range(0, 7).forEach(i -> weekly.put(DayOfWeek.of(i + 1), perDay.get(i)));
      return weekly;
    });
  }

  /** Up to three overrides on dates near the window; an override may be empty (day off). */
  private static Arbitrary<Map<LocalDate, List<WallClockRange>>> overrides(
      ZoneId zone, Instant from, Instant to) {
    LocalDate first = LocalDate.ofInstant(from, zone).minusDays(1);
    int dates = (int) (LocalDate.ofInstant(to, zone).toEpochDay() - first.toEpochDay()) + 2;
    Arbitrary<LocalDate> date = Arbitraries.integers().between(0, dates).map(first::plusDays);
    return Combinators.combine(date, dayRanges(2)).as(Tuple::of).list().ofMaxSize(3)
        .map(entries -> {
          Map<LocalDate, List<WallClockRange>> overrides = new HashMap<>();
          entries.forEach(entry -> overrides.put(entry.get1(), entry.get2()));
          return overrides;
        });
  }

  /**
   * Up to `max` ranges, non-overlapping by construction: consecutive pairs of sorted points. Days
   * off are rarer than working days so that most scenarios offer something.
   */
  private static Arbitrary<List<WallClockRange>> dayRanges(int max) {
    Arbitrary<Integer> rangeCount = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0)), Tuple.of(4, Arbitraries.integers().between(1, max)));
    return rangeCount.flatMap(count -> minuteOfDay().list()
        .ofSize(2 * count).map(points -> {
          List<Integer> sorted = points.stream().sorted().toList();
          List<WallClockRange> ranges = new ArrayList<>();
          for (int i = 0; i < sorted.size(); i += 2) {
            int start = sorted.get(i);
            int end = sorted.get(i + 1);
            if (start < end) {
              ranges.add(new WallClockRange(start, end));
            }
          }
          return ranges;
        }));
  }

  /** Any minute, but often a quarter hour of the night (where transitions happen) or 24:00. */
  private static Arbitrary<Integer> minuteOfDay() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.integers().between(0, DAY)),
        Tuple.of(2, Arbitraries.integers().between(0, 20).map(quarter -> quarter * 15)),
        Tuple.of(1, Arbitraries.of(0, 1380, 1410, 1425, DAY)));
  }

  private static Arbitrary<EventType> eventTypes(ZoneId zone, Instant from, Instant to) {
    Arbitrary<Integer> interval = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(5, 120)),
        Tuple.of(1, Arbitraries.of(5, 10, 15, 20, 30, 45, 60)));
    Arbitrary<Integer> buffer = Arbitraries.integers().between(0, 30);
    // A cap of 1 is the one that bites most often with a handful of bookings.
    Arbitrary<Integer> maxPerDay = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(1)), Tuple.of(1, Arbitraries.integers().between(2, 3)))
        .injectNull(0.4);
    Arbitrary<Integer> duration = Arbitraries.integers().between(5, 120);
    Arbitrary<Integer> notice = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(0, 600)),
        Tuple.of(1, Arbitraries.integers().between(0, 40).map(quarters -> quarters * 15)));
    return Combinators.combine(duration, interval, buffer, buffer, notice, bookingWindows(zone, from, to), maxPerDay)
        .as((minutes, step, before, after, noticeMinutes, window, max) -> new EventType(
            EventTypeBuilder.SLUG, "Generated", minutes, step, before, after, noticeMinutes, window,
            max, 0));
  }

  /**
   * Every kind of window. Short rolling windows often end inside the generated window, and date
   * ranges begin and end on the dates in and around it, which often hold a DST change, so that
   * each bound gets tested, whole local days included.
   */
  private static Arbitrary<BookingWindow> bookingWindows(ZoneId zone, Instant from, Instant to) {
    Arbitrary<BookingWindow> rolling = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(1, 30)),
        Tuple.of(1, Arbitraries.integers().between(1, 5))).map(BookingWindow::rolling);
    LocalDate first = LocalDate.ofInstant(from, zone).minusDays(1);
    int dates = (int) (LocalDate.ofInstant(to, zone).toEpochDay() - first.toEpochDay()) + 2;
    Arbitrary<Integer> date = Arbitraries.integers().between(0, dates);
    Arbitrary<BookingWindow> range = Combinators.combine(date, date).as((a, b) -> BookingWindow.dateRange(
        first.plusDays(Math.min(a, b)), first.plusDays(Math.max(a, b))));
    return Arbitraries.frequencyOf(
        Tuple.of(2, rolling), Tuple.of(1, Arbitraries.just(BookingWindow.indefinite())), Tuple.of(2, range));
  }

  private static Arbitrary<List<Interval>> busy(Instant from, Instant to) {
    return Combinators.combine(instantsNear(from, to), Arbitraries.integers().between(1, 240))
        .as((start, minutes) -> new Interval(start, start.plusSeconds(60L * minutes)))
        .list().ofMaxSize(4).withoutEdgeCases();
  }

  /** Confirmed and cancelled bookings of this and another type, anywhere near the window. */
  private static Arbitrary<List<Booking>> bookings(Instant from, Instant to) {
    Arbitrary<String> slug = Arbitraries.of(EventTypeBuilder.SLUG, EventTypeBuilder.SLUG, "other");
    Arbitrary<BookingStatus> status = Arbitraries.of(BookingStatus.class);
    Arbitrary<Integer> buffer = Arbitraries.integers().between(0, 30);
    return Combinators.combine(slug, instantsNear(from, to), Arbitraries.integers().between(5, 120),
            buffer, buffer, status)
        .as((type, start, minutes, before, after, state) -> Fixtures.booking(type, start,
            start.plusSeconds(60L * minutes), before, after, state))
        .list().ofMaxSize(6).withoutEdgeCases();
  }

  /** Whole minutes from a day before the window to a day after it. */
  private static Arbitrary<Instant> instantsNear(Instant from, Instant to) {
    long windowMinutes = (to.getEpochSecond() - from.getEpochSecond()) / 60;
    return instantsAround(from, -DAY, (int) windowMinutes + DAY);
  }

  private static Arbitrary<Instant> instantsAround(Instant origin, int minMinutes, int maxMinutes) {
    Instant minute = origin.truncatedTo(ChronoUnit.MINUTES);
    return Arbitraries.integers().between(minMinutes, maxMinutes)
        .map(minutes -> minute.plusSeconds(60L * minutes));
  }

  private static List<ZoneId> zones(String... ids) {
    return Arrays.stream(ids).map(ZoneId::of).toList();
  }
}
