package dev.scheduler.harness.baseline;

import java.time.Instant;

/** A half-open interval of real time, {@code [start, end)}. */
record Span(Instant start, Instant end) {

  boolean overlaps(Span other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }
}
