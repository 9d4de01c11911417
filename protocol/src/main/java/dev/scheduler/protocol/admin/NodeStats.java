package dev.scheduler.protocol.admin;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;

/**
 * What one node reports of itself to the admin console: cumulative counters since it started and
 * cumulative latency histograms, so that the console turns two samples into rates and a p99 over
 * the time between them, and the node's last warnings and errors. {@code upSince} is when the node
 * saw itself become Up in the cluster (null while joining).
 */
public record NodeStats(
    String address,
    Instant upSince,
    Instant sampledAt,
    long bookingsCreated,
    long bookingConflicts,
    long responses409,
    long responses503,
    Histogram bookingLatency,
    Histogram journalWriteLatency,
    List<LoggedProblem> recentProblems)
    implements CborSerializable {

  /**
   * Cumulative counts of observations at or under each upper bound (seconds), as Prometheus keeps
   * them, and the count of all observations. Empty bounds: the node does not measure it.
   */
  public record Histogram(List<Double> upperBoundsSeconds, List<Long> cumulativeCounts, long count)
      implements CborSerializable {
    public static final Histogram NONE = new Histogram(List.of(), List.of(), 0);
  }

  /** A WARN or ERROR line of the node's log. */
  public record LoggedProblem(Instant at, String level, String logger, String message) implements CborSerializable {}
}
