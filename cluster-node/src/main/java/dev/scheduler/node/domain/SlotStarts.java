package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
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
 *
 * <p>The work of one call is bounded whatever the dates and the schedule: at most {@link
 * #MAX_DATES} local dates are examined and at most {@link #MAX_STARTS} starts are produced; past
 * either, the later starts are left out. Callers never reach the bounds: a listing covers at most
 * {@link Slot#MAX_LISTING_DAYS} days (so at most 65 of the schedule's dates with the margins), a
 * booking's check three dates, and a date has at most 1,500 minute-aligned starts (25 hours
 * of one-minute steps on a fall-back day).
 */
final class SlotStarts {
  /** A listing's dates, plus one for its zone's offset against the schedule's, plus the margins. */
  static final int MAX_DATES = Slot.MAX_LISTING_DAYS + 4;
  /** Every minute of 25 hours on each of {@link #MAX_DATES} dates. */
  static final int MAX_STARTS = MAX_DATES * 25 * 60;

  private SlotStarts() {}

  /** Sorted and distinct: ranges that overlap after a gap shift can yield the same start. */
  static NavigableSet<Instant> between(
      Schedule schedule, EventType type, Instant from, Instant to) {
    ZoneId zone = schedule.timeZone();
    NavigableSet<Instant> starts = new TreeSet<>();
    // A date's starts fall on that date unless a gap across midnight pushes them into the next
    // (no current zone has one, but zone rules change): one date of margin on each side.
    LocalDate first = LocalDate.ofInstant(from, zone).minusDays(1);
    LocalDate last = earliest(LocalDate.ofInstant(to, zone).plusDays(1), first.plusDays(MAX_DATES - 1));
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      for (WallClockRange range : schedule.rangesOn(date)) {
        RealTimeRange.of(date, range, zone)
            .ifPresent(real -> addStarts(real, type, from, to, starts));
      }
    }
    return starts;
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static void addStarts(Interval range, EventType type, Instant from, Instant to,
      NavigableSet<Instant> starts) {
    Duration step = type.slotInterval();
    Instant latestStart = range.end().minus(type.duration());
    for (Instant start = firstStepAtOrAfter(range.start(), step, from);
        start.isBefore(to) && !start.isAfter(latestStart) && starts.size() < MAX_STARTS; start = start.plus(step)) {
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
