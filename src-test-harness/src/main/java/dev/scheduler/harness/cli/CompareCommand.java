package dev.scheduler.harness.cli;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Auditor;
import dev.scheduler.harness.audit.BookingHistorySource;
import dev.scheduler.harness.audit.JournalHistorySource;
import dev.scheduler.harness.baseline.BaselineServer;
import dev.scheduler.harness.baseline.BaselineStats;
import dev.scheduler.harness.baseline.InsertFloor;
import dev.scheduler.harness.baseline.Strategy;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harness compare}: the cluster and each PostgreSQL baseline under the same generated load
 * (same scenario, seed, rate and duration), one after another on this machine, each audited from
 * what it stored; then the database's own floor, single-row INSERT ... COMMIT at the same number of
 * connections. One report directory with every system side by side, plus {@code compare.md}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the cluster and every PostgreSQL baseline against the same load; report them side by side.")
public final class CompareCommand implements Callable<Integer> {

  @Option(names = "--scenario", required = true, description = "spread, hotspot, mixed or churn.")
  String scenario;

  @Option(names = "--nodes", required = true, description = "The cluster's base URLs, comma-separated.")
  String nodes;

  @Option(names = "--admin-token", required = true, defaultValue = "${env:SCHEDULER_ADMIN_TOKEN}",
      description = "The cluster's admin token (the baselines are started with the same one).")
  String adminToken;

  @Option(names = "--db-url", required = true,
      description = "JDBC URL of the PostgreSQL holding the cluster's journal; the baselines and the floor use it too.")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "postgres")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "")
  String dbPassword;

  @Option(names = "--out", required = true, description = "Report directory (created).")
  Path out;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class)
  Duration duration;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "Same load first, figures discarded (still audited), for each system.")
  Duration warmup;

  @Option(names = "--rate", defaultValue = "1000", description = "Requests per second, open loop.")
  double rate;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--hosts", defaultValue = "0", description = "Hosts per system (default: the scenario's).")
  int hosts;

  @Option(names = "--strategies", defaultValue = "exclusion,for-update,serializable,optimistic",
      description = "Baselines to run (default ${DEFAULT-VALUE}); empty for none.")
  String strategies;

  @Option(names = "--db-connections", defaultValue = "16",
      description = "Connections of each baseline's pool and of the floor (the node's pool is 16 too).")
  int dbConnections;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Scenario chosen = Scenario.fromLabel(scenario);
    ScenarioOptions options = ScenarioOptions.defaults().withSeed(seed).withHosts(hosts);
    List<SystemReport> systems = new ArrayList<>();
    List<CompareRow> rows = new ArrayList<>();
    boolean clean = true;

    LoadTarget cluster = LoadTarget.of("cluster", nodes, adminToken);
    Measured measured = measure(cluster, chosen, options,
        hostIds -> new JournalHistorySource(dbUrl, dbUser, dbPassword).onlyHosts(hostIds));
    systems.add(SystemReport.of(measured.run(), measured.audit(), null));
    rows.add(CompareRow.of(measured.run(), measured.audit(), null));
    clean &= measured.audit().passed();

    for (Strategy strategy : strategies()) {
      BaselineServer.Options serverOptions = BaselineServer.Options.defaults().withPoolSize(dbConnections);
      try (BaselineServer server = BaselineServer.start(strategy, dbUrl, dbUser, dbPassword, 0, adminToken,
          serverOptions)) {
        LoadTarget target = LoadTarget.of("pg-" + strategy.cliName(), server.url(), adminToken);
        Measured baseline = measure(target, chosen, options, hostIds -> server.historySource());
        BaselineStats.Snapshot stats = server.stats();
        systems.add(SystemReport.of(baseline.run(), baseline.audit(), null));
        rows.add(CompareRow.of(baseline.run(), baseline.audit(), stats));
        clean &= baseline.audit().passed();
      }
    }

    System.err.printf("Measuring the floor: single-row INSERT ... COMMIT on %d connections for %s...%n",
        dbConnections, duration);
    InsertFloor.Result floor = InsertFloor.measure(dbUrl, dbUser, dbPassword, dbConnections, duration);

    ReportWriter.write(out, Report.of("harness compare: " + chosen.label(), systems));
    String table = CompareRow.markdown(chosen, rate, duration, rows, floor);
    Files.writeString(out.resolve("compare.md"), table);
    System.err.println(table);
    System.err.println("Report: " + out.toAbsolutePath());
    return clean ? 0 : Harness.AUDIT_FAILED;
  }

  private interface SourceFor {
    BookingHistorySource of(List<String> hostIds) throws Exception;
  }

  private record Measured(SystemRun run, AuditResult audit) {}

  private Measured measure(LoadTarget target, Scenario chosen, ScenarioOptions options, SourceFor source)
      throws Exception {
    System.err.printf("== %s: setting up %d hosts...%n", target.name(), options.hostsFor(chosen));
    LoadFixture fixture = LoadRunner.prepare(target, chosen, options);
    ProgressSink progress = quiet ? ProgressSink.NONE : ProgressSink.stderr();
    SystemRun warm = warmup.isZero() ? null : fixture.run(warmup, rate, progress);
    SystemRun run = fixture.run(duration, rate, progress);
    var ledger = new dev.scheduler.harness.audit.ClientLedger();
    ledger.addAll(run.ledger());
    if (warm != null) {
      ledger.addAll(warm.ledger());
    }
    AuditResult audit = Auditor.audit(ledger, source.of(run.hostIds()));
    System.err.printf("== %s: audit %s%n", target.name(), audit.verdict());
    return new Measured(run, audit);
  }

  private List<Strategy> strategies() {
    return Arrays.stream(strategies.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Strategy::parse).toList();
  }
}
