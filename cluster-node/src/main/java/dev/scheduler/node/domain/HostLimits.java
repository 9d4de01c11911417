package dev.scheduler.node.domain;

import java.time.Duration;

/**
 * How much one host may keep in its entity's live state (and so in its snapshot), and how long a
 * booking token lasts. The node reads them from configuration ({@code scheduler.limits}); the
 * domain only receives them.
 *
 * @param busySourcesPerHost sources of busy time: those set through the API
 *     ({@code PUT .../busy/{sourceId}}) and calendar connections together
 * @param busyIntervalsPerSource busy intervals one source may hold
 * @param eventTypesPerHost event types one host may have
 * @param activeBookingsPerHost confirmed bookings that have not finished (see {@link BookingRetention})
 * @param finishedBookingsKept finished bookings (cancelled, or confirmed and over) kept in the live
 *     state beyond the active ones; the oldest go first
 * @param finishedBookingRetention how long after its end (buffers included) a booking stays in the
 *     live state at most; the journal keeps it forever
 * @param bookingTokenLifetime how long after a booking's end its booking token is accepted
 */
public record HostLimits(
    int busySourcesPerHost,
    int busyIntervalsPerSource,
    int eventTypesPerHost,
    int activeBookingsPerHost,
    int finishedBookingsKept,
    Duration finishedBookingRetention,
    Duration bookingTokenLifetime) {

  /** The defaults of {@code limits.conf}, for tests and tools that replay journals. */
  public static final HostLimits DEFAULTS =
      new HostLimits(20, 3_000, 50, 2_000, 500, Duration.ofDays(30), Duration.ofDays(30));

  public HostLimits {
    if (busySourcesPerHost < 1 || busyIntervalsPerSource < 1 || eventTypesPerHost < 1
        || activeBookingsPerHost < 1 || finishedBookingsKept < 0) {
      throw new IllegalArgumentException("host limits must be positive (finished bookings kept may be 0)");
    }
    if (finishedBookingRetention.compareTo(BookingRetention.SETTLED_AFTER) < 0) {
      throw new IllegalArgumentException("finished bookings are kept at least " + BookingRetention.SETTLED_AFTER
          + " after their end, not " + finishedBookingRetention);
    }
    if (bookingTokenLifetime.isNegative()) {
      throw new IllegalArgumentException("the booking token lifetime cannot be negative");
    }
  }
}
