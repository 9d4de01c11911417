package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Duration;
import java.time.Instant;

/**
 * One booking of a host. The buffers are those of the event type when it was booked or last
 * rescheduled, so that changing an event type later does not move the time an existing booking
 * blocks.
 * {@code calendarWrite} is null when the host has no calendar that receives bookings.
 * {@code revision} rises by one on every reschedule and on the cancel: the iCalendar {@code SEQUENCE}
 * of the booking's invitations (the mails count the same events in the read side). A snapshot made
 * before the field existed reads it as 0.
 */
public record Booking(
    String id,
    String eventType,
    Instant start,
    Instant end,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    Invitee invitee,
    String notes,
    BookingStatus status,
    String cancelReason,
    String idempotencyKey,
    Instant createdAt,
    CalendarWrite calendarWrite,
    int revision)
    implements CborSerializable {

  /** A booking as first confirmed: revision 0. */
  public Booking(String id, String eventType, Instant start, Instant end, int bufferBeforeMinutes,
      int bufferAfterMinutes, Invitee invitee, String notes, BookingStatus status, String cancelReason,
      String idempotencyKey, Instant createdAt, CalendarWrite calendarWrite) {
    this(id, eventType, start, end, bufferBeforeMinutes, bufferAfterMinutes, invitee, notes, status, cancelReason,
        idempotencyKey, createdAt, calendarWrite, 0);
  }

  public boolean isConfirmed() {
    return status == BookingStatus.CONFIRMED;
  }

  /** The time this booking keeps free of other bookings: its own span widened by its buffers. */
  public Interval blockedSpan() {
    return new Interval(
        start.minus(Duration.ofMinutes(bufferBeforeMinutes)),
        end.plus(Duration.ofMinutes(bufferAfterMinutes)));
  }

  public Booking cancelled(String reason) {
    return new Booking(id, eventType, start, end, bufferBeforeMinutes, bufferAfterMinutes, invitee,
        notes, BookingStatus.CANCELLED, reason, idempotencyKey, createdAt, calendarWrite, revision + 1);
  }

  public Booking movedTo(Instant newStart, Instant newEnd) {
    return new Booking(id, eventType, newStart, newEnd, bufferBeforeMinutes, bufferAfterMinutes,
        invitee, notes, status, cancelReason, idempotencyKey, createdAt, calendarWrite, revision + 1);
  }

  public Booking withBuffers(int before, int after) {
    return new Booking(id, eventType, start, end, before, after, invitee, notes, status, cancelReason,
        idempotencyKey, createdAt, calendarWrite, revision);
  }

  public Booking withCalendarWrite(CalendarWrite write) {
    return new Booking(id, eventType, start, end, bufferBeforeMinutes, bufferAfterMinutes, invitee, notes, status,
        cancelReason, idempotencyKey, createdAt, write, revision);
  }
}
