package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * An event type's cap on bookings per day. The day is the local date in the schedule's zone, not
 * the UTC date: a late-evening booking counts for the host's evening, not for tomorrow.
 */
final class DailyBookingLimit {
  private final Integer max;
  private final ZoneId zone;
  private final Map<LocalDate, Integer> confirmedPerDate;

  private DailyBookingLimit(Integer max, ZoneId zone, Map<LocalDate, Integer> confirmedPerDate) {
    this.max = max;
    this.zone = zone;
    this.confirmedPerDate = confirmedPerDate;
  }

  static DailyBookingLimit of(EventType type, Collection<Booking> bookings, ZoneId zone) {
    Map<LocalDate, Integer> perDate = new HashMap<>();
    for (Booking booking : bookings) {
      if (booking.isConfirmed() && type.slug().equals(booking.eventType())) {
        perDate.merge(LocalDate.ofInstant(booking.start(), zone), 1, Integer::sum);
      }
    }
    return new DailyBookingLimit(type.maxBookingsPerDay(), zone, perDate);
  }

  boolean allows(Instant start) {
    return max == null || confirmedPerDate.getOrDefault(LocalDate.ofInstant(start, zone), 0) < max;
  }
}
