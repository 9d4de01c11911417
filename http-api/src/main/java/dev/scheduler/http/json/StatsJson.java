package dev.scheduler.http.json;

import dev.scheduler.protocol.admin.NodeStats;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/admin/stats}: each node that answered, with counters since it
 * started and cumulative latency histograms. The console takes two answers and turns the
 * differences into rates and a p99 over the time between them.
 */
public record StatsJson(List<Node> nodes) {

  public record Node(String address, String upSince, String sampledAt, long bookingsCreated, long bookingConflicts,
      long responses409, long responses503, Histogram bookingLatency, Histogram journalWriteLatency,
      List<Problem> recentProblems) {}

  /** Observations at or under each bound (seconds), cumulative; {@code count} is all of them. */
  public record Histogram(List<Double> upperBoundsSeconds, List<Long> cumulativeCounts, long count) {}

  public record Problem(String at, String level, String logger, String message) {}

  public static StatsJson of(List<NodeStats> nodes) {
    return new StatsJson(nodes.stream().map(StatsJson::node).toList());
  }

  private static Node node(NodeStats s) {
    return new Node(s.address(), text(s.upSince()), text(s.sampledAt()), s.bookingsCreated(), s.bookingConflicts(),
        s.responses409(), s.responses503(), histogram(s.bookingLatency()), histogram(s.journalWriteLatency()),
        s.recentProblems().stream().map(p -> new Problem(text(p.at()), p.level(), p.logger(), p.message())).toList());
  }

  private static Histogram histogram(NodeStats.Histogram h) {
    return new Histogram(h.upperBoundsSeconds(), h.cumulativeCounts(), h.count());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
