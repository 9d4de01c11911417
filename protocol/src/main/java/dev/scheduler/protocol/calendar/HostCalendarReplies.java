package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Replies that are lists or composites get a record of their own, so that each has one serializer. */
public final class HostCalendarReplies {
  private HostCalendarReplies() {}

  public record EventTypeList(List<EventType> eventTypes) implements CborSerializable {}

  public record BusySource(String sourceId, List<Interval> intervals) implements CborSerializable {}

  public record BookingList(List<Booking> bookings) implements CborSerializable {}

  /** Slots of one event type, in the zone the dates were read in. */
  public record SlotList(EventType eventType, ZoneId timeZone, List<Slot> slots)
      implements CborSerializable {}

  /** A booking and whether this reply repeats an earlier, idempotent answer. */
  public record BookingResult(Booking booking, boolean replayed) implements CborSerializable {}

  public record ScheduleView(Schedule schedule) implements CborSerializable {}

  /** The host's connections, which one receives bookings (null: none), and the host's zone. */
  public record ConnectionList(Map<String, HostConnection> connections, String bookingCalendar, ZoneId hostTimeZone)
      implements CborSerializable {

    public List<String> connectionIds() {
      return connections.keySet().stream().sorted().toList();
    }
  }
}
