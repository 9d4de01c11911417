package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BusyIntervalsReplaced;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRecorded;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRetried;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionAdded;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionConfigured;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionRemoved;
import dev.scheduler.protocol.calendar.HostCalendarEvent.EventTypeSaved;
import dev.scheduler.protocol.calendar.HostCalendarEvent.HostCreated;
import dev.scheduler.protocol.calendar.HostCalendarEvent.HostTokenReplaced;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ScheduleSet;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.HostConnection;
import dev.scheduler.protocol.calendar.IdempotencyRecord;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.CalendarWrite;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How each event changes a host's state. Pure and deterministic: recovery replays it. */
public final class HostCalendarEvolution {
  private HostCalendarEvolution() {}

  /** Idempotency keys are kept this long after their booking: at least the promised 24 hours. */
  public static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(48);

  /** As {@link #evolve(HostCalendarState, HostCalendarEvent, HostLimits)} with the default limits. */
  public static HostCalendarState evolve(HostCalendarState state, HostCalendarEvent event) {
    return evolve(state, event, HostLimits.DEFAULTS);
  }

  /**
   * The state after {@code event}. Bookings that have finished are dropped as {@link
   * BookingRetention} says, when a booking is confirmed or cancelled; events about a booking no
   * longer in the state (dropped, or dropped earlier under other limits than when the event was
   * written) change nothing.
   */
  public static HostCalendarState evolve(HostCalendarState state, HostCalendarEvent event, HostLimits limits) {
    if (event instanceof HostCreated created) {
      return HostCalendarState.created(created.host());
    }
    if (event instanceof HostTokenReplaced replaced) {
      return state.withHost(state.host().withApiTokenHash(replaced.apiTokenHash()));
    }
    if (event instanceof ScheduleSet set) {
      return state.withSchedule(set.schedule());
    }
    if (event instanceof EventTypeSaved saved) {
      return state.withEventTypes(with(state.eventTypes(), saved.eventType().slug(), saved.eventType()));
    }
    if (event instanceof BusyIntervalsReplaced busy) {
      return replaceBusy(state, busy);
    }
    if (event instanceof BookingConfirmed confirmed) {
      return confirm(state, confirmed, limits);
    }
    if (event instanceof BookingCancelled cancelled) {
      Booking booking = state.bookings().get(cancelled.bookingId());
      if (booking == null) {
        return state;
      }
      Booking cancelledBooking = sendTo(booking.cancelled(cancelled.reason()), cancelled.writeTo(), cancelled.at());
      Map<String, Booking> bookings = with(state.bookings(), booking.id(), cancelledBooking);
      return state.withBookings(BookingRetention.kept(bookings, cancelled.at(), limits));
    }
    if (event instanceof BookingRescheduled moved) {
      Booking booking = state.bookings().get(moved.bookingId());
      if (booking == null) {
        return state;
      }
      return withBooking(state, sendTo(movedBy(booking, moved), moved.writeTo(), moved.at()));
    }
    if (event instanceof CalendarWriteRecorded recorded) {
      Booking booking = state.bookings().get(recorded.bookingId());
      if (booking == null || booking.calendarWrite() == null) {
        return state;
      }
      CalendarWrite write = booking.calendarWrite();
      return withBooking(state, booking.withCalendarWrite(new CalendarWrite(write.connectionId(), write.version(),
          recorded.status(), recorded.reason(), recorded.at())));
    }
    if (event instanceof CalendarWriteRetried retried) {
      Booking booking = state.bookings().get(retried.booking().id());
      return booking == null ? state : withBooking(state, sendTo(booking, retried.writeTo(), retried.at()));
    }
    if (event instanceof ConnectionAdded added) {
      String target = state.bookingCalendar() == null && added.provider() == ProviderKind.GOOGLE
          ? added.connectionId() : state.bookingCalendar();
      return state.withConnections(with(state.connections(), added.connectionId(),
          new HostConnection(added.provider(), true))).withBookingCalendar(target);
    }
    if (event instanceof ConnectionConfigured configured) {
      return configure(state, configured);
    }
    if (event instanceof ConnectionRemoved removed) {
      Map<String, HostConnection> remaining = without(state.connections(), removed.connectionId());
      String target = removed.connectionId().equals(state.bookingCalendar())
          ? firstGoogle(remaining) : state.bookingCalendar();
      HostCalendarState withoutIt = state.withConnections(remaining)
          .withBusyBySource(without(state.busyBySource(), removed.connectionId()))
          .withBookingCalendar(target);
      return failPendingWrites(withoutIt, removed.connectionId(), removed.at());
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getName());
  }

  /** Busy time of every source that counts for conflicts, in one list. */
  public static List<Interval> allBusy(HostCalendarState state) {
    List<Interval> all = new ArrayList<>();
    state.busyBySource().forEach((source, intervals) -> {
      HostConnection connection = state.connections().get(source);
      if (connection == null || connection.countsForConflicts()) {
        all.addAll(intervals);
      }
    });
    return all;
  }

  // An API source cleared with an empty list is gone, so that it no longer counts as a source; a
  // connection's source stays (empty) while the connection does.
  private static HostCalendarState replaceBusy(HostCalendarState state, BusyIntervalsReplaced busy) {
    if (busy.intervals().isEmpty() && !state.connections().containsKey(busy.sourceId())) {
      return state.withBusyBySource(without(state.busyBySource(), busy.sourceId()));
    }
    return state.withBusyBySource(with(state.busyBySource(), busy.sourceId(), busy.intervals()));
  }

  // Idempotency keys whose booking is no longer kept are dropped with it: a replay could not
  // answer with the booking anyway, and so the keys are bounded by the bookings.
  private static HostCalendarState confirm(HostCalendarState state, BookingConfirmed confirmed, HostLimits limits) {
    Booking booking = sendTo(confirmed.booking(), confirmed.writeTo(), confirmed.booking().createdAt());
    Map<String, Booking> bookings =
        BookingRetention.kept(with(state.bookings(), booking.id(), booking), booking.createdAt(), limits);
    Map<String, IdempotencyRecord> idempotency = withoutExpired(state.idempotency(), booking.createdAt());
    if (booking.idempotencyKey() != null) {
      idempotency.put(booking.idempotencyKey(),
          new IdempotencyRecord(confirmed.requestFingerprint(), booking.id(), booking.createdAt()));
    }
    idempotency.values().removeIf(record -> !bookings.containsKey(record.bookingId()));
    return state.withBookings(bookings).withIdempotency(idempotency);
  }

  private static Booking movedBy(Booking booking, BookingRescheduled event) {
    Booking moved = booking.movedTo(event.start(), event.end());
    return event.bufferBeforeMinutes() == null ? moved
        : moved.withBuffers(event.bufferBeforeMinutes(), event.bufferAfterMinutes());
  }

  private static Booking sendTo(Booking booking, CalendarWriteIntent intent, Instant at) {
    return intent == null ? booking : booking.withCalendarWrite(CalendarWrite.pending(intent, at));
  }

  private static HostCalendarState withBooking(HostCalendarState state, Booking booking) {
    return state.withBookings(with(state.bookings(), booking.id(), booking));
  }

  // Writes still waiting for a calendar the host disconnected will never land: say so on the booking.
  private static HostCalendarState failPendingWrites(HostCalendarState state, String connectionId, Instant at) {
    Map<String, Booking> bookings = new HashMap<>(state.bookings());
    state.bookings().values().stream()
        .filter(b -> b.calendarWrite() != null && b.calendarWrite().connectionId().equals(connectionId)
            && b.calendarWrite().status() == CalendarWriteStatus.PENDING)
        .forEach(b -> bookings.put(b.id(), b.withCalendarWrite(new CalendarWrite(connectionId,
            b.calendarWrite().version(), CalendarWriteStatus.FAILED, "The calendar was disconnected.", at))));
    return state.withBookings(bookings);
  }

  private static HostCalendarState configure(HostCalendarState state, ConnectionConfigured configured) {
    String id = configured.connectionId();
    HostConnection connection = state.connections().get(id);
    HostConnection updated = configured.countsForConflicts() == null ? connection
        : new HostConnection(connection.provider(), configured.countsForConflicts());
    String target = state.bookingCalendar();
    if (Boolean.TRUE.equals(configured.receivesBookings())) {
      target = id;
    } else if (Boolean.FALSE.equals(configured.receivesBookings()) && id.equals(target)) {
      target = null;
    }
    return state.withConnections(with(state.connections(), id, updated)).withBookingCalendar(target);
  }

  // The first Google connection receives bookings unless the host chose otherwise; when the chosen
  // one goes, another Google one (if any) takes over.
  private static String firstGoogle(Map<String, HostConnection> connections) {
    return connections.entrySet().stream()
        .filter(c -> c.getValue().provider() == ProviderKind.GOOGLE)
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElse(null);
  }

  // Expiry is measured against the event's own time, never the wall clock, so replay is exact.
  private static Map<String, IdempotencyRecord> withoutExpired(Map<String, IdempotencyRecord> records, Instant now) {
    Instant cutoff = now.minus(IDEMPOTENCY_RETENTION);
    Map<String, IdempotencyRecord> kept = new HashMap<>();
    records.forEach((key, record) -> {
      if (!record.at().isBefore(cutoff)) {
        kept.put(key, record);
      }
    });
    return kept;
  }

  private static <V> Map<String, V> without(Map<String, V> map, String key) {
    Map<String, V> copy = new HashMap<>(map);
    copy.remove(key);
    return copy;
  }

  private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
    Map<String, V> copy = new HashMap<>(map);
    copy.put(key, value);
    return copy;
  }
}
