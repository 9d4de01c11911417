package dev.scheduler.harness.audit;

import java.util.List;

/** One thing the auditor found wrong, with the host, the bookings involved and a readable account (times included). */
public record Violation(Kind kind, String hostId, List<String> bookingIds, String detail) {

  public enum Kind {
    /** Two confirmed bookings of one host block overlapping time (buffers included) after some event. */
    OVERLAP,
    /** A client saw 201 with this id, and the history has no such booking. */
    LOST_BOOKING,
    /** The acknowledged id belongs to a booking made with another idempotency key. */
    ACKNOWLEDGED_WRONG_BOOKING,
    /** An acknowledged booking ended cancelled though no client tried to cancel it. */
    UNEXPECTED_CANCELLATION,
    /** A cancellation was acknowledged, and the booking is still confirmed. */
    LOST_CANCELLATION,
    /** The booking's final time is not the one the client was last told. */
    WRONG_FINAL_TIME,
    /** A booking whose idempotency key no client sent (or that has none). */
    UNREQUESTED_BOOKING,
    /** Two bookings made with one idempotency key. */
    DUPLICATE_BOOKING,
    /** A booking request was definitely refused (409, 4xx, never connected), and yet it was booked. */
    REJECTED_BUT_BOOKED,
    /** A reschedule or cancellation of a booking the history never confirmed, or a reschedule of a cancelled one. */
    INCONSISTENT_HISTORY
  }

  @Override
  public String toString() {
    return kind + " host " + hostId + " bookings " + bookingIds + ": " + detail;
  }
}
