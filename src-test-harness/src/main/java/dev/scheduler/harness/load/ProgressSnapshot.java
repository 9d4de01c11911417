package dev.scheduler.harness.load;

import java.time.Duration;
import java.util.Map;

/**
 * The run so far, once a second. Rates are over the last whole second; latencies over all
 * operations since the start; outcome counts are final outcomes by kind since the start.
 */
public record ProgressSnapshot(String system, Duration elapsed, long sent, long completed, long inFlight,
    double sentPerSecond, double completedPerSecond, double p50Ms, double p99Ms, Map<OutcomeKind, Long> outcomes,
    long indeterminate, long retries) {

  public ProgressSnapshot {
    outcomes = Map.copyOf(outcomes);
  }

  /** The progress line: elapsed, rates, p50/p99 so far, outcomes by kind. */
  public String line() {
    StringBuilder line = new StringBuilder(String.format("[%s %4ds] sent %d (%.0f/s) done %d (%.0f/s) in flight %d"
            + " | p50 %.1f ms p99 %.1f ms |", system, elapsed.toSeconds(), sent, sentPerSecond, completed,
        completedPerSecond, inFlight, p50Ms, p99Ms));
    for (OutcomeKind kind : OutcomeKind.values()) {
      long n = outcomes.getOrDefault(kind, 0L);
      if (n > 0 || kind == OutcomeKind.OK || kind == OutcomeKind.CONFLICT) {
        line.append(' ').append(kind.label()).append(' ').append(n);
      }
    }
    return line.append(" | indeterminate ").append(indeterminate).append(" retries ").append(retries).toString();
  }
}
