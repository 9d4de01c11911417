package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Busy time of all sources plus the blocked spans of confirmed bookings, sorted and merged once so
 * that each slot is checked by one binary search instead of a scan.
 */
final class BlockedTime {
  /** Sorted by start, pairwise disjoint and not touching, so the ends are sorted too. */
  private final List<Interval> merged;

  private BlockedTime(List<Interval> merged) {
    this.merged = merged;
  }

  static BlockedTime of(Collection<Interval> busy, Collection<Booking> bookings) {
    List<Interval> all = new ArrayList<>(busy);
    for (Booking booking : bookings) {
      if (booking.isConfirmed()) {
        all.add(booking.blockedSpan());
      }
    }
    all.sort(Comparator.comparing(Interval::start));
    return new BlockedTime(merge(all));
  }

  /** Half-open overlap with any blocked interval. */
  boolean overlaps(Interval span) {
    int candidate = countStartingBefore(span.end()) - 1;
    return candidate >= 0 && merged.get(candidate).end().isAfter(span.start());
  }

  /** Touching intervals merge too: their union blocks exactly the same spans. */
  private static List<Interval> merge(List<Interval> sorted) {
    List<Interval> merged = new ArrayList<>();
    for (Interval next : sorted) {
      int lastIndex = merged.size() - 1;
      if (lastIndex >= 0 && !next.start().isAfter(merged.get(lastIndex).end())) {
        Interval last = merged.get(lastIndex);
        merged.set(lastIndex, new Interval(last.start(), latest(last.end(), next.end())));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }

  private int countStartingBefore(Instant instant) {
    int low = 0;
    int high = merged.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (merged.get(middle).start().isBefore(instant)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
