package dev.scheduler.harness.report;

import dev.scheduler.harness.load.LatencySummary;
import java.util.Map;

/**
 * One operation over a whole run: requests sent and completed; {@code achievedRate}, requests
 * that got a definite answer (2xx, 409, other 4xx) per second from the first request to the last
 * answer; latency in ms from intended send time; final outcomes by kind; retries; indeterminate
 * requests; and every attempt by kind.
 */
public record OperationReport(long sent, long completed, double achievedRate, LatencySummary latencyMs,
    Map<String, Long> outcomes, long retries, long indeterminate, Map<String, Long> attempts) {

  public OperationReport {
    outcomes = Outcomes.canonical(outcomes);
    attempts = Outcomes.canonical(attempts);
  }

  public long count(String kind) {
    return outcomes.getOrDefault(kind, 0L);
  }

  /** Final outcomes that are neither 2xx nor 409. */
  public long errors() {
    return outcomes.entrySet().stream().filter(e -> !e.getKey().equals("2xx") && !e.getKey().equals("409"))
        .mapToLong(Map.Entry::getValue).sum();
  }
}
