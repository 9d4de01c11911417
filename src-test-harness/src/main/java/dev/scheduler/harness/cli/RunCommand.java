package dev.scheduler.harness.cli;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Auditor;
import dev.scheduler.harness.audit.ClientLedger;
import dev.scheduler.harness.audit.JournalHistorySource;
import dev.scheduler.harness.cpu.ClockTicks;
import dev.scheduler.harness.cpu.CpuMeter;
import dev.scheduler.harness.cpu.CpuMeters;
import dev.scheduler.harness.cpu.CpuReport;
import dev.scheduler.harness.load.LoadFixture;
import dev.scheduler.harness.load.LoadRunner;
import dev.scheduler.harness.load.LoadTarget;
import dev.scheduler.harness.load.ProgressSink;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.ScenarioOptions;
import dev.scheduler.harness.load.SystemRun;
import dev.scheduler.harness.report.Report;
import dev.scheduler.harness.report.ReportWriter;
import dev.scheduler.harness.report.SystemReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code harness run}: set up a scenario's hosts, run the load, audit the journal, write the report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run one scenario against one system, audit what it stored, and write a report directory.")
public final class RunCommand implements Callable<Integer> {

  @Option(names = "--scenario", required = true, description = "spread, hotspot, mixed, churn or slots.")
  String scenario;

  @Option(names = "--nodes", required = true, description = "Base URLs, comma-separated; requests go round-robin.")
  String nodes;

  @Option(names = "--admin-token", required = true, defaultValue = "${env:SCHEDULER_ADMIN_TOKEN}",
      description = "Admin token to create hosts (default: $SCHEDULER_ADMIN_TOKEN).")
  String adminToken;

  @Option(names = "--out", required = true, description = "Report directory (created).")
  Path out;

  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to send (default ${DEFAULT-VALUE}): 60s, 2m, 500ms.")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
      description = "Run this long first, same load, figures discarded (its requests are still audited).")
  Duration warmup;

  @Option(names = "--rate", defaultValue = "100",
      description = "Requests per second, open loop (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--name", defaultValue = "cluster",
      description = "The system's name in the report (default ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the generated load (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--hosts", defaultValue = "0",
      description = "Hosts to create (default: spread 2000, hotspot 5, mixed 200, churn 100).")
  int hosts;

  @Option(names = "--days", defaultValue = "7", description = "Days of slots from tomorrow (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--hot-slots", defaultValue = "3",
      description = "hotspot: first slots raced for (default ${DEFAULT-VALUE}).")
  int hotSlots;

  @Option(names = "--hot-rotate", defaultValue = "500",
      description = "hotspot: the race moves on to the next slots after this many requests; 0 never "
          + "(default ${DEFAULT-VALUE}).")
  int hotRotate;

  @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "Per-attempt timeout (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--max-attempts", defaultValue = "3",
      description = "Attempts per request (default ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--max-in-flight", defaultValue = "8000",
      description = "Unanswered requests beyond which new ones are not sent (default ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--journal-url", description = "JDBC URL of the cluster's journal, to audit the run.")
  String journalUrl;

  @Option(names = "--journal-user", defaultValue = "postgres", description = "Journal user (default ${DEFAULT-VALUE}).")
  String journalUser;

  @Option(names = "--journal-password", defaultValue = "", description = "Journal password.")
  String journalPassword;

  @Option(names = "--node-pids", defaultValue = "",
      description = "The node processes' pids on this machine, comma-separated: their CPU is read from /proc. "
          + "Without them a loopback node's process is found by its "
          + "listening port, any other node's CPU comes from its GET /metrics (process_cpu_time_ns_total).")
  String nodePids;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Scenario chosen = Scenario.fromLabel(scenario);
    LoadTarget target = LoadTarget.of(name, nodes, adminToken);
    ScenarioOptions options = ScenarioOptions.defaults().withSeed(seed).withHosts(hosts).withDays(days)
        .withHotSlots(hotSlots).withHotRotation(hotRotate).withRequestTimeout(timeout)
        .withRetries(maxAttempts, ScenarioOptions.defaults().retryBackoff()).withMaxInFlight(maxInFlight);

    System.err.printf("Setting up %d hosts on %s...%n", options.hostsFor(chosen), target.nodes());
    LoadFixture fixture = LoadRunner.prepare(target, chosen, options);
    ProgressSink progress = quiet ? ProgressSink.NONE : ProgressSink.stderr();
    SystemRun warmupRun = null;
    if (!warmup.isZero()) {
      System.err.printf("Warming up for %s at %.0f/s...%n", warmup, rate);
      warmupRun = fixture.run(warmup, rate, progress);
    }
    System.err.printf("Running %s for %s at %.0f/s...%n", chosen.label(), duration, rate);
    // With a PostgreSQL journal on this machine its server's CPU is counted too (part "database").
    CpuMeter cpu = CpuMeters.cluster(target.nodes(), CpuMeters.parsePids(nodePids), journalUrl, journalUser,
        journalPassword);
    CpuMeter.Window window = cpu.start();
    SystemRun run = fixture.run(duration, rate, progress);
    CpuReport cpuReport = CpuReport.of(window.stop(), run, ClockTicks.system());
    ClientLedger ledger = new ClientLedger();
    ledger.addAll(run.ledger());
    if (warmupRun != null) {
      ledger.addAll(warmupRun.ledger());
    }

    AuditResult audit = null;
    String note = null;
    Exception auditError = null;
    if (journalUrl == null || journalUrl.isBlank()) {
      note = "no --journal-url given";
    } else {
      try {
        audit = Auditor.audit(ledger,
            new JournalHistorySource(journalUrl, journalUser, journalPassword).onlyHosts(run.hostIds()));
      } catch (Exception e) {
        auditError = e;
        note = "reading the journal failed: " + e.getMessage();
      }
    }
    Report report = Report.of("harness run: " + chosen.label() + " on " + name,
        List.of(SystemReport.of(run, audit, note).withCpu(cpuReport)));
    ReportWriter.write(out, report);

    System.err.println("Audit: " + (audit == null ? "not done (" + note + ")" : audit.verdict()));
    if (audit != null) {
      audit.violations().stream().limit(20).forEach(v -> System.err.println("  " + v));
    }
    System.err.println("Report: " + out.toAbsolutePath());
    if (auditError != null) {
      auditError.printStackTrace();
      return Harness.ERROR;
    }
    return audit != null && !audit.passed() ? Harness.AUDIT_FAILED : 0;
  }
}
