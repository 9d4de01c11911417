package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import java.util.List;
import java.util.Map;

/**
 * Everything one host's entity knows; also its snapshot shape. Immutable: the domain builds a new
 * state for each event. A host that was never created has no state (null) at all.
 *
 * @param busyBySource busy intervals by external source id, each sorted by start
 * @param bookings every booking by id, confirmed and cancelled
 * @param idempotency idempotency keys of recent bookings, kept for at least 24 hours
 * @param connections the host's external calendar connections by id; those that count for
 *     conflicts are busy sources
 * @param bookingCalendar the connection that receives the host's bookings, or null
 */
public record HostCalendarState(
    HostProfile host,
    Schedule schedule,
    Map<String, EventType> eventTypes,
    Map<String, List<Interval>> busyBySource,
    Map<String, Booking> bookings,
    Map<String, IdempotencyRecord> idempotency,
    Map<String, HostConnection> connections,
    String bookingCalendar)
    implements CborSerializable {

  public HostCalendarState {
    eventTypes = Map.copyOf(eventTypes);
    busyBySource = Map.copyOf(busyBySource);
    bookings = Map.copyOf(bookings);
    idempotency = Map.copyOf(idempotency);
    connections = connections == null ? Map.of() : Map.copyOf(connections);
  }

  /** A host just created: its profile, an empty schedule in its zone, nothing else yet. */
  public static HostCalendarState created(HostProfile host) {
    return new HostCalendarState(host, Schedule.empty(host.timeZone()), Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), null);
  }

  public HostCalendarState withHost(HostProfile newHost) {
    return new HostCalendarState(newHost, schedule, eventTypes, busyBySource, bookings, idempotency, connections,
        bookingCalendar);
  }

  public HostCalendarState withSchedule(Schedule newSchedule) {
    return new HostCalendarState(host, newSchedule, eventTypes, busyBySource, bookings, idempotency, connections,
        bookingCalendar);
  }

  public HostCalendarState withEventTypes(Map<String, EventType> newEventTypes) {
    return new HostCalendarState(host, schedule, newEventTypes, busyBySource, bookings, idempotency, connections,
        bookingCalendar);
  }

  public HostCalendarState withBusyBySource(Map<String, List<Interval>> newBusyBySource) {
    return new HostCalendarState(host, schedule, eventTypes, newBusyBySource, bookings, idempotency, connections,
        bookingCalendar);
  }

  public HostCalendarState withBookings(Map<String, Booking> newBookings) {
    return new HostCalendarState(host, schedule, eventTypes, busyBySource, newBookings, idempotency, connections,
        bookingCalendar);
  }

  public HostCalendarState withIdempotency(Map<String, IdempotencyRecord> newIdempotency) {
    return new HostCalendarState(host, schedule, eventTypes, busyBySource, bookings, newIdempotency, connections,
        bookingCalendar);
  }

  public HostCalendarState withConnections(Map<String, HostConnection> newConnections) {
    return new HostCalendarState(host, schedule, eventTypes, busyBySource, bookings, idempotency, newConnections,
        bookingCalendar);
  }

  public HostCalendarState withBookingCalendar(String connectionId) {
    return new HostCalendarState(host, schedule, eventTypes, busyBySource, bookings, idempotency, connections,
        connectionId);
  }
}
