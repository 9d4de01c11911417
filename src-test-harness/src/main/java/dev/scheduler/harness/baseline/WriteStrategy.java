package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.InviteeJson;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * How one strategy keeps a host's confirmed bookings from overlapping when it creates or moves one.
 * Cancelling frees time and needs no protection, so it is shared ({@link BookingSteps#cancel}).
 * Rejections are thrown as {@link HttpRefusal}; a taken Idempotency-Key as
 * {@link BookingSql.IdempotencyClash}, which the caller turns into a replay.
 */
interface WriteStrategy {

  /** A booking as asked for, with everything the server decided beforehand (id, token, now). */
  record NewBooking(String hostId, String bookingId, String eventType, Instant start, InviteeJson invitee,
      String notes, String idempotencyKey, String requestHash, String bookingToken, Instant now) {}

  /** A change to an existing booking by a caller who proved {@code access} (host or booking token). */
  record Change(String hostId, String bookingId, CallerAccess access, Instant now) {}

  /** Inserts the booking when its start is offered and its blocked span is free; 409 otherwise. */
  StoredBooking book(Connection c, NewBooking request) throws SQLException;

  /** Moves the booking to {@code newStart} under the same rules, ignoring its own current time. */
  StoredBooking reschedule(Connection c, Change change, Instant newStart) throws SQLException;
}
