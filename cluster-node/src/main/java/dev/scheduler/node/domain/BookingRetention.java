package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which bookings a host's live state keeps. A booking is <em>active</em> while it is confirmed and
 * its blocked span (the meeting widened by its buffers) ended less than {@link #SETTLED_AFTER}
 * ago: it can still block a slot or count towards a day's limit. Every other booking is
 * <em>finished</em> (cancelled, or long over). Active bookings are never dropped (a new booking
 * past the cap is refused instead); finished ones are dropped once they ended more than the
 * retention ago, and beyond the number kept, earliest end first. Dropped bookings stay in the
 * journal; the live state, its snapshot and the API no longer show them.
 *
 * <p>Measured against the time of the event being applied, never the wall clock, so recovery
 * replays it exactly.
 */
public final class BookingRetention {
  /**
   * Two days: a booking over for that long lies on an earlier local date than any slot still to
   * come in the host's zone, so dropping it changes no availability and no daily limit.
   */
  public static final Duration SETTLED_AFTER = Duration.ofDays(2);

  private BookingRetention() {}

  public static boolean isActive(Booking booking, Instant now) {
    return booking.isConfirmed() && booking.blockedSpan().end().isAfter(now.minus(SETTLED_AFTER));
  }

  public static long activeCount(Collection<Booking> bookings, Instant now) {
    return bookings.stream().filter(b -> isActive(b, now)).count();
  }

  /** The bookings to keep at {@code at}: all active ones and the latest-ending finished ones. */
  static Map<String, Booking> kept(Map<String, Booking> bookings, Instant at, HostLimits limits) {
    Instant forgetBefore = at.minus(limits.finishedBookingRetention());
    Map<String, Booking> kept = new HashMap<>();
    List<Booking> finished = new java.util.ArrayList<>();
    for (Booking booking : bookings.values()) {
      if (isActive(booking, at)) {
        kept.put(booking.id(), booking);
      } else if (!endOf(booking).isBefore(forgetBefore)) {
        finished.add(booking);
      }
    }
    finished.sort(Comparator.comparing(BookingRetention::endOf).thenComparing(Booking::id).reversed());
    finished.stream().limit(limits.finishedBookingsKept()).forEach(b -> kept.put(b.id(), b));
    return kept;
  }

  private static Instant endOf(Booking booking) {
    return booking.blockedSpan().end();
  }
}
