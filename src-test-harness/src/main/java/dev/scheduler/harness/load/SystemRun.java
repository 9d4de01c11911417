package dev.scheduler.harness.load;

import dev.scheduler.harness.audit.ClientLedger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one load run against one system measured: per operation over the whole run, per
 * second, and the client ledger (every write request with its final outcome and times) for the
 * auditor and for fault analysis.
 *
 * @param sendingTime how long requests were being sent (shorter than asked when stopped early)
 * @param wallTime from the first request to the last final outcome (sending, then draining)
 * @param hostIds the hosts the scenario created, in creation order
 * @param failures every attempt that ended neither 2xx nor 409, with its times and node (for fault analysis)
 */
public record SystemRun(String system, List<URI> nodes, Scenario scenario, ScenarioOptions options,
    Instant startedAt, Duration sendingTime, Duration wallTime, double targetRate, boolean stoppedEarly,
    Map<Operation, OperationStats> operations, List<SecondStats> series, List<String> hostIds, ClientLedger ledger,
    FailureLog failures) {

  public SystemRun {
    nodes = List.copyOf(nodes);
    operations = Map.copyOf(operations);
    series = List.copyOf(series);
    hostIds = List.copyOf(hostIds);
  }

  public OperationStats operation(Operation operation) {
    return operations.get(operation);
  }

  public long sent() {
    return operations.values().stream().mapToLong(OperationStats::sent).sum();
  }

  public long completed() {
    return operations.values().stream().mapToLong(OperationStats::completed).sum();
  }

  /** Requests of this operation that got a definite answer (2xx, 409, other 4xx), per second of wall time. */
  public double answeredRate(Operation operation) {
    OperationStats stats = operations.get(operation);
    double seconds = wallTime.toNanos() / 1e9;
    if (stats == null || seconds <= 0) {
      return 0;
    }
    return stats.outcomes().entrySet().stream().filter(e -> e.getKey().isDefinite())
        .mapToLong(Map.Entry::getValue).sum() / seconds;
  }

  /** Requests sent per second while sending. */
  public double achievedRate() {
    double seconds = sendingTime.toNanos() / 1e9;
    return seconds <= 0 ? 0 : sent() / seconds;
  }
}
