package dev.scheduler.harness.report;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.cpu.CpuReport;
import dev.scheduler.harness.load.Operation;
import dev.scheduler.harness.load.OperationSecond;
import dev.scheduler.harness.load.OperationStats;
import dev.scheduler.harness.load.OutcomeKind;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.ScenarioOptions;
import dev.scheduler.harness.load.SecondStats;
import dev.scheduler.harness.load.SystemRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One system's run in a report: the settings, per operation the whole-run figures, per second
 * the series, and the audit. Operations and outcome kinds are keyed by their labels ("book",
 * "409", "timeout"). {@code cpu} is the server side's CPU over the measured window (issue 13), null
 * when it was not measured.
 */
public record SystemReport(String system, String scenario, Instant startedAt, double durationSeconds,
    double targetRate, double achievedRate, boolean stoppedEarly, long seed, int hosts, Map<String, String> settings,
    Map<String, OperationReport> operations, List<SecondReport> series, AuditReport audit, CpuReport cpu) {

  public SystemReport {
    settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    operations = operations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(operations));
    series = series == null ? List.of() : List.copyOf(series);
  }

  /** @param audit null when the run was not audited ({@code auditNote} says why) */
  public static SystemReport of(SystemRun run, AuditResult audit, String auditNote) {
    double seconds = run.sendingTime().toNanos() / 1e9;
    Map<String, OperationReport> operations = new LinkedHashMap<>();
    for (Operation op : Operation.values()) {
      OperationStats stats = run.operation(op);
      if (stats != null) {
        operations.put(op.label(), new OperationReport(stats.sent(), stats.completed(),
            run.answeredRate(op), stats.latency(), labels(stats.outcomes()),
            stats.retries(), stats.indeterminate(), labels(stats.attempts())));
      }
    }
    List<SecondReport> series = new ArrayList<>();
    for (SecondStats second : run.series()) {
      Map<String, SecondOperation> ops = new LinkedHashMap<>();
      for (Operation op : Operation.values()) {
        OperationSecond s = second.operation(op);
        if (s != null) {
          ops.put(op.label(), new SecondOperation(s.sent(), s.completed(), labels(s.outcomes()), s.indeterminate(),
              s.retries(), labels(s.attempts()), s.latency()));
        }
      }
      series.add(new SecondReport(second.second(), second.sent(), second.completed(), ops));
    }
    return new SystemReport(run.system(), run.scenario().label(), run.startedAt(), seconds, run.targetRate(),
        run.achievedRate(), run.stoppedEarly(), run.options().seed(), run.hostIds().size(), settings(run), operations,
        series,
        audit == null ? AuditReport.notRun(auditNote) : AuditReport.of(audit), null);
  }

  /** The same with the server side's CPU over the measured window. */
  public SystemReport withCpu(CpuReport newCpu) {
    return new SystemReport(system, scenario, startedAt, durationSeconds, targetRate, achievedRate, stoppedEarly, seed,
        hosts, settings, operations, series, audit, newCpu);
  }

  /** Whether this system's run passed: audited with no violation. An unaudited run is not a failure. */
  public boolean failed() {
    return audit != null && audit.ran() && !audit.passed();
  }

  private static Map<String, String> settings(SystemRun run) {
    ScenarioOptions o = run.options();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("nodes", run.nodes().stream().map(Object::toString).collect(Collectors.joining(",")));
    settings.put("zone", o.zone().getId());
    settings.put("firstDate", o.firstDateOrTomorrow().toString());
    settings.put("days", String.valueOf(o.days()));
    settings.put("eventType", o.durationMinutes() + " min, " + o.bufferAfterMinutes() + " min buffer after");
    if (run.scenario() == Scenario.HOTSPOT) {
      settings.put("hotSlots", String.valueOf(o.hotSlots()));
    }
    settings.put("requestTimeout", o.requestTimeout().toString());
    settings.put("maxAttempts", String.valueOf(o.maxAttempts()));
    settings.put("retryBackoff", o.retryBackoff().toString());
    settings.put("maxInFlight", String.valueOf(o.maxInFlight()));
    settings.put("wallSeconds", String.format(java.util.Locale.ROOT, "%.3f", run.wallTime().toNanos() / 1e9));
    return settings;
  }

  private static Map<String, Long> labels(Map<OutcomeKind, Long> counts) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (OutcomeKind kind : OutcomeKind.values()) {
      Long n = counts.get(kind);
      if (n != null && n > 0) {
        map.put(kind.label(), n);
      }
    }
    return map;
  }
}
