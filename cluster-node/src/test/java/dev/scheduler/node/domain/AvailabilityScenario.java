package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import java.time.Instant;
import java.util.List;

/** One generated availability question: every input of offeredSlots. */
record AvailabilityScenario(Schedule schedule, EventType type, List<Interval> busy, List<Booking> bookings,
    Instant from, Instant to, Instant now) {

  List<Slot> offeredSlots() {
    return Availability.offeredSlots(schedule, type, busy, bookings, from, to, now);
  }

  boolean isOffered(Instant start) {
    return Availability.isOffered(schedule, type, busy, bookings, start, now);
  }

  boolean containsTransition() {
    // nextTransition is strictly after its argument; a transition at `from` counts too.
    var transition = schedule.timeZone().getRules().nextTransition(from.minusNanos(1));
    return transition != null && transition.getInstant().isBefore(to);
  }
}
