package dev.scheduler.node.domain.analytics;

import java.time.Instant;

/**
 * What analytics knows of one booking, as the read side keeps it.
 *
 * @param start the meeting's current start (after any reschedule)
 * @param bookedAt when the booking was confirmed
 * @param cancelReason the reason given with the cancel, as given (may be null or blank)
 * @param reschedules how many times the booking was moved
 */
public record BookingFact(String bookingId, Instant start, Instant bookedAt, boolean cancelled, String cancelReason,
    int reschedules) {}
