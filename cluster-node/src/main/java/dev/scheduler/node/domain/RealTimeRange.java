package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Where a wall-clock range of one local date lies in real time. Local times go through
 * ZonedDateTime.of only: a time in a spring-forward gap moves later by the gap, a time in a
 * fall-back overlap takes the earlier offset, so a fall-back day's range covers real time once.
 */
final class RealTimeRange {
  private RealTimeRange() {}

  /** Empty when a DST gap moves the range's start to or past its end. */
  static Optional<Interval> of(LocalDate date, WallClockRange range, ZoneId zone) {
    Instant start = instant(date, range.startMinute(), zone);
    Instant end = instant(date, range.endMinute(), zone);
    return start.isBefore(end) ? Optional.of(new Interval(start, end)) : Optional.empty();
  }

  /** Minute 1440 (24:00) is the next date's midnight, which LocalTime cannot express. */
  private static Instant instant(LocalDate date, int minuteOfDay, ZoneId zone) {
    LocalDateTime local = minuteOfDay == WallClockRange.END_OF_DAY
        ? date.plusDays(1).atStartOfDay()
        : date.atTime(LocalTime.ofSecondOfDay(minuteOfDay * 60L));
    return ZonedDateTime.of(local, zone).toInstant();
  }
}
