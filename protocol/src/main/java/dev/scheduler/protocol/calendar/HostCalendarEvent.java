package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.connection.ProviderKind;
import java.time.Instant;
import java.util.List;

/** What happened to a host's calendar: the journal of its entity. */
public sealed interface HostCalendarEvent extends CborSerializable {

  record HostCreated(HostProfile host) implements HostCalendarEvent {}

  /** The host's API token was replaced (rotated or revoked); only its SHA-256 is kept. */
  record HostTokenReplaced(String apiTokenHash, Instant at) implements HostCalendarEvent {}

  record ScheduleSet(Schedule schedule, Instant at) implements HostCalendarEvent {}

  record EventTypeSaved(EventType eventType, Instant at) implements HostCalendarEvent {}

  record BusyIntervalsReplaced(String sourceId, List<Interval> intervals, Instant at)
      implements HostCalendarEvent {}

  /**
   * {@code requestFingerprint} identifies the request body behind the booking's idempotency key;
   * {@code writeTo} (or null) sends the booking to the host's calendar.
   */
  record BookingConfirmed(Booking booking, String requestFingerprint, CalendarWriteIntent writeTo)
      implements HostCalendarEvent {}

  record BookingCancelled(String bookingId, String reason, Instant at, CalendarWriteIntent writeTo)
      implements HostCalendarEvent {}

  /** What the connection that writes bookings reported for one write version. */
  record CalendarWriteRecorded(String bookingId, long version, CalendarWriteStatus status, String reason, Instant at)
      implements HostCalendarEvent {}

  /**
   * A failed write of the booking is asked for again, as a new write version ({@code writeTo}), so
   * that a late report on the failed one is ignored. {@code booking} is the booking as it is now: a
   * confirmed one is written again in full, a cancelled one deleted again.
   */
  record CalendarWriteRetried(Booking booking, CalendarWriteIntent writeTo, Instant at) implements HostCalendarEvent {}

  record ConnectionAdded(String connectionId, ProviderKind provider, Instant at) implements HostCalendarEvent {}

  /** The host chose whether the connection counts for conflicts and whether it receives bookings (null: unchanged). */
  record ConnectionConfigured(String connectionId, Boolean countsForConflicts, Boolean receivesBookings, Instant at)
      implements HostCalendarEvent {}

  /** The connection is gone, and so is the busy time it brought. */
  record ConnectionRemoved(String connectionId, Instant at) implements HostCalendarEvent {}

  /**
   * A booking moved, taking the event type's buffers at the time of the move, as a new booking
   * would. The buffers are null in events written before reschedules carried them: the booking
   * then keeps the buffers it had.
   */
  record BookingRescheduled(String bookingId, Instant start, Instant end, Instant at, CalendarWriteIntent writeTo,
      Integer bufferBeforeMinutes, Integer bufferAfterMinutes)
      implements HostCalendarEvent {}
}
