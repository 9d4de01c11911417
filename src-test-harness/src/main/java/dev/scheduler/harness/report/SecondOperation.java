package dev.scheduler.harness.report;

import dev.scheduler.harness.load.LatencySummary;
import java.util.Map;

/** One operation in one second: what was sent, what completed (by final outcome), latency of what completed. */
public record SecondOperation(long sent, long completed, Map<String, Long> outcomes, long indeterminate,
    long retries, Map<String, Long> attempts, LatencySummary latencyMs) {

  public SecondOperation {
    outcomes = Outcomes.canonical(outcomes);
    attempts = Outcomes.canonical(attempts);
  }
}
