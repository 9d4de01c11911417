package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The starts that fit the schedule's ranges, before notice, buffers and limits are checked. Starts
 * step in real elapsed time from each range's start, so a DST change inside a range never bends
 * the step.
 */
final class SlotStarts {
  private SlotStarts() {}

  /** Sorted and distinct: ranges that overlap after a gap shift can yield the same start. */
  static NavigableSet<Instant> between(
      Schedule schedule, EventType type, Instant from, Instant to) {
    ZoneId zone = schedule.timeZone();
    NavigableSet<Instant> starts = new TreeSet<>();
    // A date's starts fall on that date unless a gap across midnight pushes them into the next
    // (no current zone has one, but zone rules change): one date of margin on each side.
    LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
    for (LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1); !date.isAfter(last);
        date = date.plusDays(1)) {
      for (WallClockRange range : schedule.rangesOn(date)) {
        RealTimeRange.of(date, range, zone)
            .ifPresent(real -> addStarts(real, type, from, to, starts));
      }
    }
    return starts;
  }

  private static void addStarts(Interval range, EventType type, Instant from, Instant to,
      NavigableSet<Instant> starts) {
    Duration step = type.slotInterval();
    Instant latestStart = range.end().minus(type.duration());
    for (Instant start = firstStepAtOrAfter(range.start(), step, from);
        start.isBefore(to) && !start.isAfter(latestStart); start = start.plus(step)) {
      starts.add(start);
    }
  }

  /** Jumps straight to the first step inside the window instead of walking from the range start. */
  private static Instant firstStepAtOrAfter(Instant rangeStart, Duration step, Instant from) {
    if (!from.isAfter(rangeStart)) {
      return rangeStart;
    }
    long gapNanos = Duration.between(rangeStart, from).toNanos();
    long steps = (gapNanos + step.toNanos() - 1) / step.toNanos();
    return rangeStart.plus(step.multipliedBy(steps));
  }
}
