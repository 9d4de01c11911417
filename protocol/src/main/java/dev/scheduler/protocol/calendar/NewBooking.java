package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;
import dev.scheduler.protocol.model.Invitee;
import java.time.Instant;

/**
 * A booking asked for, checked at the edge (the HTTP request's shape is {@code BookingJson}). The
 * edge chooses {@code bookingId} so that the id is known before the entity answers;
 * {@code requestFingerprint} is a digest of the request body, compared when the same idempotency key
 * comes again.
 */
public record NewBooking(
    String bookingId,
    String eventType,
    Instant start,
    Invitee invitee,
    String notes,
    String idempotencyKey,
    String requestFingerprint)
    implements CborSerializable {}
