package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BusyIntervalsReplaced;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionAdded;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionConfigured;
import dev.scheduler.protocol.calendar.HostConnection;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionRemoved;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRecorded;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRetried;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.CalendarWrite;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.Interval;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Decisions about a host's external calendar connections and the busy time they bring. */
public final class HostConnectionRules {
  private HostConnectionRules() {}

  public static final int MAX_CONNECTIONS = 20;

  /** A connection is a source of busy time, so it counts towards {@link HostLimits#busySourcesPerHost()}. */
  public static Decision<ConnectionList> add(HostCalendarState state, Access access, String connectionId,
      ProviderKind provider, Instant now, HostLimits limits) {
    return HostAccessRules.hostOnly(state, access).orElse(() -> {
      if (state.connections().containsKey(connectionId)) {
        return Decision.answer(list(state));
      }
      if (state.connections().size() >= MAX_CONNECTIONS) {
        return Decision.reject(RejectionCode.LIMIT_EXCEEDED,
            "A host can connect at most " + MAX_CONNECTIONS + " calendars.");
      }
      return BusyLimits.newSourceFits(state, limits).orElse(() ->
          Decision.persist(new ConnectionAdded(connectionId, provider, now), HostConnectionRules::list));
    });
  }

  public static Decision<ConnectionList> configure(HostCalendarState state, Access access, String connectionId,
      Boolean countsForConflicts, Boolean receivesBookings, Instant now) {
    return HostAccessRules.hostOnly(state, access).orElse(() -> {
      HostConnection connection = state.connections().get(connectionId);
      if (connection == null) {
        return Decision.reject(RejectionCode.NOT_FOUND, "This host has no calendar connection '" + connectionId + "'.");
      }
      if (Boolean.TRUE.equals(receivesBookings) && connection.provider() != ProviderKind.GOOGLE) {
        return Decision.reject(RejectionCode.INVALID_REQUEST,
            "Only a Google calendar can receive bookings; an ICS feed is read-only.");
      }
      return Decision.persist(new ConnectionConfigured(connectionId, countsForConflicts, receivesBookings, now),
          HostConnectionRules::list);
    });
  }

  /**
   * Removing a connection also removes its busy time; removing it twice is not an error. The admin
   * may too: a connection whose feed harms the node must be removable even if its host is away.
   */
  public static Decision<ConnectionList> remove(
      HostCalendarState state, Access access, String connectionId, Instant now) {
    return HostAccessRules.hostOrAdmin(state, access).orElse(() -> state.connections().containsKey(connectionId)
        ? Decision.persist(new ConnectionRemoved(connectionId, now), HostConnectionRules::list)
        : Decision.reject(RejectionCode.NOT_FOUND, "This host has no calendar connection '" + connectionId + "'."));
  }

  /** The host's connections; the admin may list them too, to find one to remove. */
  public static Decision<ConnectionList> list(HostCalendarState state, Access access) {
    return HostAccessRules.hostOrAdmin(state, access).orElse(() -> Decision.answer(list(state)));
  }

  /** Busy time from the host's own connection's sync; a removed connection's late push is refused. */
  public static Decision<BusySource> syncBusy(
      HostCalendarState state, String connectionId, List<Interval> intervals, Instant now, HostLimits limits) {
    if (!state.connections().containsKey(connectionId)) {
      return Decision.reject(RejectionCode.NOT_FOUND, "The connection '" + connectionId + "' is not this host's.");
    }
    return BusyLimits.intervalsFit(intervals.size(), limits).orElse(() -> {
      List<Interval> sorted = intervals.stream().sorted(Comparator.comparing(Interval::start)).toList();
      if (sorted.equals(state.busyBySource().get(connectionId))) {
        return Decision.answer(new BusySource(connectionId, sorted));
      }
      return Decision.persist(new BusyIntervalsReplaced(connectionId, sorted, now),
          s -> new BusySource(connectionId, s.busyBySource().get(connectionId)));
    });
  }

  /** Records a connection's report on a booking write; a report on an older write version is ignored. */
  public static Decision<Booking> recordWrite(HostCalendarState state, String connectionId, String bookingId,
      long version, CalendarWriteStatus status, String reason, Instant now) {
    Booking booking = state.bookings().get(bookingId);
    if (booking == null) {
      return Decision.reject(RejectionCode.NOT_FOUND, "This host has no booking '" + bookingId + "'.");
    }
    CalendarWrite current = booking.calendarWrite();
    if (current == null || !current.connectionId().equals(connectionId) || current.version() != version
        || current.status() == status) {
      return Decision.answer(booking);
    }
    return Decision.persist(new CalendarWriteRecorded(bookingId, version, status, reason, now),
        s -> s.bookings().get(bookingId));
  }

  /**
   * Asks again for a write that failed for good (the provider refused it, the grant was revoked, the
   * calendar was disconnected), to the same calendar, as the next write version. Only a failed write:
   * a pending one is still being retried, a written one is there. A calendar the host no longer has
   * cannot take it.
   */
  public static Decision<Booking> retryWrite(HostCalendarState state, Access access, String bookingId, Instant now) {
    return HostAccessRules.hostOrAdmin(state, access).orElse(() -> {
      Booking booking = state.bookings().get(bookingId);
      if (booking == null) {
        return Decision.reject(RejectionCode.NOT_FOUND, "This host has no booking '" + bookingId + "'.");
      }
      CalendarWrite last = booking.calendarWrite();
      if (last == null) {
        return Decision.reject(RejectionCode.CONFLICT,
            "This booking was never sent to a calendar: there is no failed write to retry.");
      }
      if (last.status() != CalendarWriteStatus.FAILED) {
        return Decision.reject(RejectionCode.CONFLICT, "This booking's calendar write is "
            + last.status().wireName() + ", not failed: only a failed write can be retried.");
      }
      if (!state.connections().containsKey(last.connectionId())) {
        return Decision.reject(RejectionCode.CONFLICT,
            "The calendar this booking was written to is no longer connected: its write cannot be retried.");
      }
      return Decision.persist(new CalendarWriteRetried(booking, last.next(), now), s -> s.bookings().get(bookingId));
    });
  }

  private static ConnectionList list(HostCalendarState state) {
    return new ConnectionList(state.connections(), state.bookingCalendar(), state.host().timeZone());
  }
}
