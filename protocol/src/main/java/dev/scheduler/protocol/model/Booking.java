package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Duration;
import java.time.Instant;

/**
 * One booking of a host. The buffers are those of the event type when it was booked or last
 * rescheduled, so that changing an event type later does not move the time an existing booking
 * blocks.
 * {@code calendarWrite} is null when the host has no calendar that receives bookings.
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
    CalendarWrite calendarWrite)
    implements CborSerializable {

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
        notes, BookingStatus.CANCELLED, reason, idempotencyKey, createdAt, calendarWrite);
  }

  public Booking movedTo(Instant newStart, Instant newEnd) {
    return new Booking(id, eventType, newStart, newEnd, bufferBeforeMinutes, bufferAfterMinutes,
        invitee, notes, status, cancelReason, idempotencyKey, createdAt, calendarWrite);
  }

  public Booking withBuffers(int before, int after) {
    return new Booking(id, eventType, start, end, before, after, invitee, notes, status, cancelReason,
        idempotencyKey, createdAt, calendarWrite);
  }

  public Booking withCalendarWrite(CalendarWrite write) {
    return new Booking(id, eventType, start, end, bufferBeforeMinutes, bufferAfterMinutes, invitee, notes, status,
        cancelReason, idempotencyKey, createdAt, write);
  }
}
