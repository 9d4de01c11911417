package dev.scheduler.harness.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One operation over a whole run. {@code outcomes} counts final outcomes (after retries) by kind;
 * {@code attempts} counts every attempt by kind, retried ones included. {@code latencyMicros}
 * holds every request that was sent, measured from its intended send time to its final outcome
 * (a request that timed out on every attempt counts with the time it took to give up).
 */
public record OperationStats(Operation operation, long sent, long completed, Map<OutcomeKind, Long> outcomes,
    long indeterminate, long retries, Map<OutcomeKind, Long> attempts, Histogram latencyMicros) {

  public OperationStats {
    outcomes = Map.copyOf(outcomes);
    attempts = Map.copyOf(attempts);
  }

  public LatencySummary latency() {
    return LatencySummary.of(latencyMicros);
  }

  public long count(OutcomeKind kind) {
    return outcomes.getOrDefault(kind, 0L);
  }
}
