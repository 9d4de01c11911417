package dev.scheduler.harness.load;

import java.time.Instant;

/** A booking the load made and was told about (201): what it needs to reschedule or cancel it. */
record BookingHandle(String hostId, String bookingId, String token, Instant start) {}
