package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which slots of an event type a host offers. Pure: "now" is always a parameter, so the same inputs
 * give the same slots on every node and in every test.
 */
public final class Availability {
  private Availability() {}

  /** Offered slots of `type` whose start s satisfies from <= s < to, sorted by start, no duplicates. */
  public static List<Slot> offeredSlots(Schedule schedule, EventType type, Collection<Interval> busy,
      Collection<Booking> bookings, Instant from, Instant to, Instant now) {
    // Notice and booking window only narrow [from, to), so apply them before generating starts.
    ZoneId zone = schedule.timeZone();
    Instant first = latest(latest(from, now.plus(type.minimumNotice())),
        BookingWindows.firstStart(type.bookingWindow(), zone));
    Instant end = earliest(to, BookingWindows.end(type.bookingWindow(), zone, now));
    if (!first.isBefore(end)) {
      return List.of();
    }
    // Only what can touch a slot of [first, end) is sorted: a booking's check looks at one start
    // among all the host's busy time.
    Interval reach = new Interval(first.minus(type.bufferBefore()), end.plus(type.duration()).plus(type.bufferAfter()));
    BlockedTime blocked = BlockedTime.of(
        busy.stream().filter(reach::overlaps).toList(),
        bookings.stream().filter(b -> b.isConfirmed() && b.blockedSpan().overlaps(reach)).toList());
    DailyBookingLimit limit = DailyBookingLimit.of(type, bookings, zone);
    List<Slot> slots = new ArrayList<>();
    for (Instant start : SlotStarts.between(schedule, type, first, end)) {
      if (limit.allows(start) && !blocked.overlaps(bufferedSpan(start, type))) {
        slots.add(new Slot(start, start.plus(type.duration())));
      }
    }
    return slots;
  }

  /** True when `start` is exactly the start of a slot that offeredSlots would list at `now`. */
  public static boolean isOffered(Schedule schedule, EventType type, Collection<Interval> busy,
      Collection<Booking> bookings, Instant start, Instant now) {
    // [start, start + 1ns) holds exactly one instant, so only the dates around start are computed.
    return !offeredSlots(schedule, type, busy, bookings, start, start.plusNanos(1), now).isEmpty();
  }

  /** The time a slot keeps free: the meeting itself widened by the event type's buffers. */
  static Interval bufferedSpan(Instant start, EventType type) {
    return new Interval(
        start.minus(type.bufferBefore()), start.plus(type.duration()).plus(type.bufferAfter()));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
