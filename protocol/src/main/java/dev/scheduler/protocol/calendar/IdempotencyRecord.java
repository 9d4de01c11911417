package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;

/** What an idempotency key was first used for: the request's fingerprint and the booking it made. */
public record IdempotencyRecord(String requestFingerprint, String bookingId, Instant at)
    implements CborSerializable {}
