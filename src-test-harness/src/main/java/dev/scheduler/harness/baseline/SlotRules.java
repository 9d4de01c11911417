package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.WeeklySchedule.WallRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which starts a host offers, by the node's rules: starts step in elapsed time from each range's
 * start (local times resolved with {@code ZonedDateTime.of}: a gap moves later, an overlap takes the
 * earlier offset), a slot must end inside its range, start at or after now + notice and before
 * now + window, and its buffered span must not overlap a confirmed booking's blocked span. Pure:
 * "now" is a parameter.
 */
final class SlotRules {
  private SlotRules() {}

  /** Offered starts with {@code from <= start < to}, sorted; {@code blocked} need not be sorted. */
  static List<Instant> offered(WeeklySchedule schedule, EventTypeDef type, List<Span> blocked, Instant from,
      Instant to, Instant now) {
    Instant first = latest(from, now.plus(type.minimumNotice()));
    Instant end = earliest(to, now.plus(type.bookingWindow()));
    if (!first.isBefore(end)) {
      return List.of();
    }
    List<Span> merged = merge(blocked);
    List<Instant> offered = new ArrayList<>();
    for (Instant start : gridStarts(schedule, type, first, end)) {
      if (!overlapsAny(merged, bufferedSpan(start, type.durationMinutes(), type))) {
        offered.add(start);
      }
    }
    return offered;
  }

  /**
   * Why {@code start} cannot be booked by the schedule alone (bookings are the strategies' business):
   * a 400 for a past start, a 409 when it is inside the notice, beyond the window or off the grid.
   */
  static void requireOnOfferedGrid(WeeklySchedule schedule, EventTypeDef type, Instant start, Instant now) {
    if (start.isBefore(now)) {
      throw HttpRefusal.invalid("The start " + start + " is in the past.");
    }
    if (start.isBefore(now.plus(type.minimumNotice()))) {
      throw HttpRefusal.slotUnavailable("The start " + start + " is inside the minimum notice of "
          + type.minimumNoticeMinutes() + " minutes.");
    }
    if (schedule == null || !start.isBefore(now.plus(type.bookingWindow()))
        || gridStarts(schedule, type, start, start.plusNanos(1)).isEmpty()) {
      throw HttpRefusal.slotUnavailable("The slot at " + start + " is not available.");
    }
  }

  /** The time a booking keeps free: its meeting widened by its buffers. */
  static Span bufferedSpan(Instant start, int durationMinutes, EventTypeDef type) {
    return blockedSpan(start, start.plus(Duration.ofMinutes(durationMinutes)),
        type.bufferBeforeMinutes(), type.bufferAfterMinutes());
  }

  static Span blockedSpan(Instant start, Instant end, int bufferBeforeMinutes, int bufferAfterMinutes) {
    return new Span(start.minus(Duration.ofMinutes(bufferBeforeMinutes)),
        end.plus(Duration.ofMinutes(bufferAfterMinutes)));
  }

  /** Starts that fit the schedule's ranges with {@code from <= start < to}, sorted and distinct. */
  static NavigableSet<Instant> gridStarts(WeeklySchedule schedule, EventTypeDef type, Instant from, Instant to) {
    ZoneId zone = schedule.zone();
    NavigableSet<Instant> starts = new TreeSet<>();
    // One date of margin each side, in case a gap across midnight pushes starts to another date.
    LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
    for (LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1); !date.isAfter(last);
        date = date.plusDays(1)) {
      for (WallRange range : schedule.rangesOn(date)) {
        Instant rangeStart = instant(date, range.startMinute(), zone);
        Instant rangeEnd = instant(date, range.endMinute(), zone);
        if (rangeStart.isBefore(rangeEnd)) {
          addStarts(rangeStart, rangeEnd, type, from, to, starts);
        }
      }
    }
    return starts;
  }

  private static void addStarts(Instant rangeStart, Instant rangeEnd, EventTypeDef type, Instant from,
      Instant to, NavigableSet<Instant> starts) {
    Duration step = type.slotInterval();
    Instant latestStart = rangeEnd.minus(type.duration());
    Instant start = rangeStart;
    if (from.isAfter(rangeStart)) {
      long gap = Duration.between(rangeStart, from).toNanos();
      start = rangeStart.plus(step.multipliedBy((gap + step.toNanos() - 1) / step.toNanos()));
    }
    for (; start.isBefore(to) && !start.isAfter(latestStart); start = start.plus(step)) {
      starts.add(start);
    }
  }

  /** Minute 1440 (24:00) is the next date's midnight. */
  private static Instant instant(LocalDate date, int minuteOfDay, ZoneId zone) {
    LocalDateTime local = minuteOfDay == WallRange.END_OF_DAY
        ? date.plusDays(1).atStartOfDay()
        : date.atTime(LocalTime.ofSecondOfDay(minuteOfDay * 60L));
    return ZonedDateTime.of(local, zone).toInstant();
  }

  /** Sorted by start and merged where they overlap or touch, so one binary search answers. */
  private static List<Span> merge(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparing(Span::start));
    List<Span> merged = new ArrayList<>();
    for (Span next : sorted) {
      int last = merged.size() - 1;
      if (last >= 0 && !next.start().isAfter(merged.get(last).end())) {
        merged.set(last, new Span(merged.get(last).start(), latest(merged.get(last).end(), next.end())));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }

  private static boolean overlapsAny(List<Span> merged, Span span) {
    int low = 0;
    int high = merged.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (merged.get(middle).start().isBefore(span.end())) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low > 0 && merged.get(low - 1).end().isAfter(span.start());
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
