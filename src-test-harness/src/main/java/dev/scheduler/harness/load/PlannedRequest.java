package dev.scheduler.harness.load;

import java.time.Instant;

/**
 * One request a workload wants sent, the same on every attempt (retries resend it unchanged, to
 * the next node). {@code body} is JSON or null; {@code bearer} a token or null. For a booking,
 * {@code idempotencyKey} and {@code start}; for a reschedule, {@code start} is the new time; for a
 * cancel or reschedule, {@code booking} is the booking.
 */
record PlannedRequest(Operation operation, String hostId, String method, String path, String body, String bearer,
    String idempotencyKey, Instant start, BookingHandle booking) {}
