package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.BookingResponse;
import dev.scheduler.harness.baseline.ApiShapes.InviteeJson;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** One row of a strategy's bookings table. The buffers are the event type's when it was booked. */
record StoredBooking(String id, String hostId, String eventType, Instant start, Instant end,
    int bufferBeforeMinutes, int bufferAfterMinutes, boolean confirmed, InviteeJson invitee, String notes,
    String cancelReason, String idempotencyKey, String requestHash, String bookingToken, Instant createdAt) {

  /** The time this booking keeps free of others: the meeting widened by its buffers. */
  Span blocked() {
    return SlotRules.blockedSpan(start, end, bufferBeforeMinutes, bufferAfterMinutes);
  }

  StoredBooking movedTo(Instant newStart, Instant newEnd) {
    return new StoredBooking(id, hostId, eventType, newStart, newEnd, bufferBeforeMinutes, bufferAfterMinutes,
        confirmed, invitee, notes, cancelReason, idempotencyKey, requestHash, bookingToken, createdAt);
  }

  StoredBooking cancelled(String reason) {
    return new StoredBooking(id, hostId, eventType, start, end, bufferBeforeMinutes, bufferAfterMinutes,
        false, invitee, notes, reason, idempotencyKey, requestHash, bookingToken, createdAt);
  }

  /** The node's shape; the booking token only where the node shows it (the answer to a booking). */
  BookingResponse toJson(boolean withToken) {
    return new BookingResponse(id, hostId, eventType, utc(start), utc(end), confirmed ? "CONFIRMED" : "CANCELLED",
        invitee, notes, cancelReason, utc(createdAt), withToken ? bookingToken : null);
  }

  static String utc(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
