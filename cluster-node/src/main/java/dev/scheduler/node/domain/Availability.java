package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** PLACEHOLDER until the real computation lands: offers nothing. */
public final class Availability {
  private Availability() {}

  public static List<Slot> offeredSlots(Schedule schedule, EventType type, Collection<Interval> busy,
      Collection<Booking> bookings, Instant from, Instant to, Instant now) {
    throw new UnsupportedOperationException("not yet");
  }

  public static boolean isOffered(Schedule schedule, EventType type, Collection<Interval> busy,
      Collection<Booking> bookings, Instant start, Instant now) {
    throw new UnsupportedOperationException("not yet");
  }
}
