package dev.scheduler.harness.audit;

import java.time.Duration;
import java.time.Instant;

/**
 * One change to a host's bookings as the system under test recorded it (the cluster's journal, or
 * a baseline's history table), in the order that host's writer applied it. The auditor judges a
 * run from these, never from what the API answered.
 */
public sealed interface HistoryEvent {
  String hostId();

  String bookingId();

  record Confirmed(String hostId, String bookingId, String idempotencyKey, Instant start, Instant end,
      int bufferBeforeMinutes, int bufferAfterMinutes) implements HistoryEvent {

    /** The time this booking keeps free of other bookings: its span widened by its buffers. */
    public Instant blockedStart() {
      return start.minus(Duration.ofMinutes(bufferBeforeMinutes));
    }

    public Instant blockedEnd() {
      return end.plus(Duration.ofMinutes(bufferAfterMinutes));
    }
  }

  record Rescheduled(String hostId, String bookingId, Instant start, Instant end) implements HistoryEvent {}

  record Cancelled(String hostId, String bookingId) implements HistoryEvent {}
}
