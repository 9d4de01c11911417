package dev.scheduler.harness.cli;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Auditor;
import dev.scheduler.harness.audit.BookingHistorySource;
import dev.scheduler.harness.audit.ClientLedger;
import dev.scheduler.harness.audit.JournalHistorySource;
import dev.scheduler.harness.baseline.BaselineServer;
import dev.scheduler.harness.baseline.BaselineStats;
import dev.scheduler.harness.baseline.InsertFloor;
import dev.scheduler.harness.baseline.Strategy;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  @Option(names = "--scenario", required = true, description = "spread, hotspot, mixed, churn or slots.")
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

  @Option(names = "--warmup", defaultValue = "20s", converter = DurationConverter.class,
      description = "Same load first on hosts of its own, figures discarded (still audited), for each system and "
          + "rate: the JVMs compile their hot paths and the measured hosts start empty (default ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--rate", defaultValue = "1000", split = ",",
      description = "Requests per second, open loop; several (500,1000,2000) run every system at each, to find "
          + "where each one saturates.")
  List<Double> rates;

  @Option(names = "--hot-rotate", defaultValue = "500",
      description = "hotspot: the race moves on to the next slots after this many requests; 0 never "
          + "(default ${DEFAULT-VALUE}).")
  int hotRotate;

  @Option(names = "--days", defaultValue = "7", description = "Days of slots from tomorrow (default ${DEFAULT-VALUE}).")
  int days;

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

  @Option(names = "--node-pids", defaultValue = "",
      description = "The cluster's node processes' pids on this machine, comma-separated: their CPU is read from "
          + "/proc. Without them a loopback node's process is found by its "
          + "listening port, any other node's CPU comes from its GET /metrics (process_cpu_time_ns_total).")
  String nodePids;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Scenario chosen = Scenario.fromLabel(scenario);
    ScenarioOptions options = ScenarioOptions.defaults().withSeed(seed).withHosts(hosts).withDays(days)
        .withHotRotation(hotRotate);
    Map<Double, List<CompareRow>> rowsByRate = new LinkedHashMap<>();
    boolean clean = true;
    for (double rate : rates) {
      Path dir = rates.size() == 1 ? out : out.resolve(String.format(Locale.ROOT, "rate-%.0f", rate));
      List<SystemReport> systems = new ArrayList<>();
      List<CompareRow> rows = new ArrayList<>();
      clean &= measureAll(chosen, options, rate, systems, rows);
      ReportWriter.write(dir, Report.of(String.format(Locale.ROOT, "harness compare: %s at %.0f/s", chosen.label(),
          rate), systems));
      rowsByRate.put(rate, rows);
    }

    System.err.printf("Measuring the floor: single-row INSERT ... COMMIT on %d connections for %s...%n",
        dbConnections, duration);
    InsertFloor.Result floor = InsertFloor.measure(dbUrl, dbUser, dbPassword, dbConnections, duration);

    StringBuilder all = new StringBuilder();
    if (rates.size() > 1) {
      all.append(CompareRow.sweepMarkdown(chosen, duration, rowsByRate)).append('\n');
    }
    for (Map.Entry<Double, List<CompareRow>> rate : rowsByRate.entrySet()) {
      String table = CompareRow.markdown(chosen, rate.getKey(), duration, rate.getValue(), floor);
      if (rates.size() > 1) {
        Files.writeString(out.resolve(String.format(Locale.ROOT, "rate-%.0f", rate.getKey())).resolve("compare.md"),
            table);
      }
      all.append(table).append('\n');
    }
    Files.writeString(out.resolve("compare.md"), all.toString());
    System.err.println(all);
    System.err.println("Report: " + out.toAbsolutePath());
    return clean ? 0 : Harness.AUDIT_FAILED;
  }

  /** The cluster, then each baseline, at one rate; true when every audit passed. */
  private boolean measureAll(Scenario chosen, ScenarioOptions options, double rate, List<SystemReport> systems,
      List<CompareRow> rows) throws Exception {
    boolean clean = true;
    LoadTarget cluster = LoadTarget.of("cluster", nodes, adminToken);
    CpuMeter clusterCpu = CpuMeters.cluster(cluster.nodes(), CpuMeters.parsePids(nodePids), dbUrl, dbUser,
        dbPassword);
    Measured measured = measure(cluster, chosen, options, rate, clusterCpu,
        hostIds -> new JournalHistorySource(dbUrl, dbUser, dbPassword).onlyHosts(hostIds));
    systems.add(SystemReport.of(measured.run(), measured.audit(), null).withCpu(measured.cpu()));
    rows.add(CompareRow.of(measured.run(), measured.audit(), null, measured.cpu()));
    clean &= measured.audit().passed();

    for (Strategy strategy : strategies()) {
      BaselineServer.Options serverOptions = BaselineServer.Options.defaults().withPoolSize(dbConnections);
      try (BaselineServer server = BaselineServer.start(strategy, dbUrl, dbUser, dbPassword, 0, adminToken,
          serverOptions)) {
        LoadTarget target = LoadTarget.of("pg-" + strategy.cliName(), server.url(), adminToken);
        CpuMeter serverCpu = CpuMeters.inProcessServer(server.threadPrefix(), dbUrl, dbUser, dbPassword);
        Measured baseline = measure(target, chosen, options, rate, serverCpu, hostIds -> server.historySource());
        BaselineStats.Snapshot stats = server.stats();
        systems.add(SystemReport.of(baseline.run(), baseline.audit(), null).withCpu(baseline.cpu()));
        rows.add(CompareRow.of(baseline.run(), baseline.audit(), stats, baseline.cpu()));
        clean &= baseline.audit().passed();
      }
    }
    return clean;
  }

  private interface SourceFor {
    BookingHistorySource of(List<String> hostIds) throws Exception;
  }

  private record Measured(SystemRun run, AuditResult audit, CpuReport cpu) {}

  // The warm-up gets hosts of its own: on the measured hosts it would have taken the slots the
  // measured run races for (hotspot's first races, spread's easy pickings).
  // The CPU window is the measured run only: after the warm-up and the hosts' setup, until the last answer.
  private Measured measure(LoadTarget target, Scenario chosen, ScenarioOptions options, double rate, CpuMeter cpu,
      SourceFor source) throws Exception {
    ProgressSink progress = quiet ? ProgressSink.NONE : ProgressSink.stderr();
    ClientLedger ledger = new ClientLedger();
    List<String> hostIds = new ArrayList<>();
    if (!warmup.isZero()) {
      System.err.printf("== %s: warming up on %d hosts of its own for %s at %.0f/s...%n", target.name(),
          options.hostsFor(chosen), warmup, rate);
      SystemRun warm = LoadRunner.prepare(target, chosen, options).run(warmup, rate, progress);
      ledger.addAll(warm.ledger());
      hostIds.addAll(warm.hostIds());
    }
    System.err.printf("== %s: setting up %d hosts...%n", target.name(), options.hostsFor(chosen));
    LoadFixture fixture = LoadRunner.prepare(target, chosen, options);
    CpuMeter.Window window = cpu.start();
    SystemRun run = fixture.run(duration, rate, progress);
    CpuReport cpuReport = CpuReport.of(window.stop(), run, ClockTicks.system());
    ledger.addAll(run.ledger());
    hostIds.addAll(run.hostIds());
    AuditResult audit = Auditor.audit(ledger, source.of(hostIds));
    System.err.printf("== %s at %.0f/s: audit %s%n", target.name(), rate, audit.verdict());
    return new Measured(run, audit, cpuReport);
  }

  private List<Strategy> strategies() {
    return Arrays.stream(strategies.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Strategy::parse).toList();
  }
}
