package dev.scheduler.harness.load;

import java.util.Map;

/** One operation in one second of a run: what completed in that second (final outcomes), and its attempts. */
public record OperationSecond(long sent, long completed, Map<OutcomeKind, Long> outcomes, long indeterminate,
    long retries, Map<OutcomeKind, Long> attempts, LatencySummary latency) {

  public OperationSecond {
    outcomes = Map.copyOf(outcomes);
    attempts = Map.copyOf(attempts);
  }

  public long count(OutcomeKind kind) {
    return outcomes.getOrDefault(kind, 0L);
  }

  public long attempts(OutcomeKind kind) {
    return attempts.getOrDefault(kind, 0L);
  }
}
