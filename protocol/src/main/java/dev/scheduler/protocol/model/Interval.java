package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [start, end)} between two UTC instants. */
public record Interval(Instant start, Instant end) implements CborSerializable {
  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("an interval must end after it starts: " + start + " .. " + end);
    }
  }

  public boolean overlaps(Interval other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
