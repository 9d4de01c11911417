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
}
