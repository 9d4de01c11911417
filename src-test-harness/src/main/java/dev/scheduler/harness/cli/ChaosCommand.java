package dev.scheduler.harness.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scheduler.harness.audit.JournalHistorySource;
import dev.scheduler.harness.chaos.ClusterControl;
import dev.scheduler.harness.chaos.ClusterHealth;
import dev.scheduler.harness.chaos.ClusterTimings;
import dev.scheduler.harness.chaos.Fault;
import dev.scheduler.harness.chaos.RecoveryProbe;
import dev.scheduler.harness.chaos.ScriptCluster;
import dev.scheduler.harness.load.ProgressSink;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.ScenarioOptions;
import dev.scheduler.harness.report.Report;
import dev.scheduler.harness.report.ReportWriter;
import dev.scheduler.harness.report.SystemReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code harness chaos}: {@code deploy/local-cluster.sh}'s three nodes and PostgreSQL under steady
 * load while faults run in turn (kill -9 and restart a node, restart PostgreSQL, pause a node past
 * the Split Brain Resolver, cut a node off the others), then the journal is audited and every
 * failed request is put in the window of the fault it happened in. Writes {@code chaos.json},
 * {@code chaos.md} and {@code chaos.png}, and the load's usual report beside them.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run faults one after another against local-cluster.sh's cluster under steady load;"
        + " audit the journal and report, per fault, failures by kind and the time until every host books again."},
    footer = {"Exit codes: 0 audit clean and no wrong answer; 1 audit violations, or a wrong answer (a 5xx other"
        + " than 503, or a 409 to a request whose own earlier attempt had booked); 2 bad arguments; 3 the run"
        + " could not be done (cluster not reachable, journal unreadable, a fault that did not heal)."})
public final class ChaosCommand implements Callable<Integer> {
  static final String CHAOS_JSON = "chaos.json";
  static final String CHAOS_MD = "chaos.md";
  static final String PROBE_CSV = "probe-attempts.csv";
  static final String CHAOS_PNG = "chaos.png";

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Opens the cluster to break (a seam for tests). */
  @FunctionalInterface
  interface ClusterOpener {
    ClusterControl open(Path script, boolean start, boolean netns);
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--script", defaultValue = "deploy/local-cluster.sh",
      description = "The cluster script (default ${DEFAULT-VALUE}); its LOCAL_CLUSTER_* variables come from this"
          + " process's environment.")
  Path script;

  @Option(names = "--start", description = "Start the cluster with the script, and stop it at the end."
      + " Without it (the default) attach to the cluster the script already runs, and leave it running.")
  boolean start;

  @Option(names = "--netns", description = "With --start: each node in a network namespace of its own (root and"
      + " ip netns), so that the partition fault can run. Attaching finds the mode the cluster was started in.")
  boolean netns;

  @Option(names = "--scenario", defaultValue = "mixed",
      description = "Load: spread, hotspot, mixed or churn (default ${DEFAULT-VALUE}: listings, bookings and"
          + " cancellations over many hosts, so slots do not run out in a long run and every shard is touched).")
  String scenario;

  @Option(names = "--rate", defaultValue = "200",
      description = "Requests per second, open loop (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--hosts", defaultValue = "0", description = "Load hosts (default: the scenario's; mixed 200).")
  int hosts;

  @Option(names = "--probe-hosts", defaultValue = "12",
      description = "Hosts of the recovery probe's own, spread over the shards (default ${DEFAULT-VALUE}).")
  int probeHosts;

  @Option(names = "--victim", defaultValue = "1",
      description = "The node the node faults hit, 1 to 3 like the script's node1..node3 (default ${DEFAULT-VALUE}:"
          + " node1, the oldest member at first, so the kill moves the shard coordinator).")
  int victim;

  @Option(names = "--faults", defaultValue = "kill,pg,pause,partition",
      description = "Which faults, in this order: kill,pg,pause,partition (default all). partition needs a cluster"
          + " started in netns mode; otherwise it is skipped and the report says why.")
  String faults;

  @Option(names = "--hold", converter = DurationConverter.class,
      description = "How long a node stays dead, frozen or cut off (default 17s: the failure detector, the resolver's"
          + " stable-after of 3s, the removal margin of 1s and 10s more; raise it if the nodes run with a longer"
          + " SCHEDULER_SBR_STABLE_AFTER). PostgreSQL restarts at once.")
  Duration hold;

  @Option(names = "--settle", defaultValue = "20s", converter = DurationConverter.class,
      description = "Quiet load before the first fault (the baseline) and after each (default ${DEFAULT-VALUE}).")
  Duration settle;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated load (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--days", defaultValue = "7", description = "Days of slots from tomorrow (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "Per-attempt timeout of the load (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--max-attempts", defaultValue = "3",
      description = "Attempts per load request (default ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--journal-url", description = "JDBC URL of the journal (default: the script's env output).")
  String journalUrl;

  @Option(names = "--journal-user", description = "Journal user (default: the script's).")
  String journalUser;

  @Option(names = "--journal-password", description = "Journal password (default: the script's).")
  String journalPassword;

  @Option(names = "--out", required = true, description = "Report directory (created).")
  Path out;

  @Option(names = "--quiet", description = "No progress line (otherwise one every 10 s).")
  boolean quiet;

  /** Seams for tests: the cluster, its history, the probe's settings, the clock. */
  ClusterOpener clusterOpener = ChaosCommand::openScript;
  ChaosSession.HistoryOpener historyOpener =
      (url, user, password, hostIds) -> new JournalHistorySource(url, user, password).onlyHosts(hostIds);
  Clock clock = Clock.systemUTC();
  RecoveryProbe.Settings probeSettings;

  @Override
  public Integer call() throws Exception {
    Set<String> kinds;
    try {
      kinds = ChaosPlan.parseKinds(faults);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--faults: " + e.getMessage());
    }
    if (victim < 1 || victim > 3) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--victim must be 1, 2 or 3, not " + victim);
    }
    if (netns && !start) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--netns is for --start; an attached cluster keeps the mode it was started in");
    }
    Scenario chosen = Scenario.fromLabel(scenario);
    Duration faultHold = hold != null ? hold : ClusterTimings.DEFAULTS.beyondDowning();
    ScenarioOptions options = ScenarioOptions.defaults().withSeed(seed).withHosts(hosts).withDays(days)
        .withRequestTimeout(timeout).withRetries(maxAttempts, ScenarioOptions.defaults().retryBackoff());
    PrintWriter log = spec.commandLine().getErr();

    log.printf("%s the cluster of %s...%n", start ? (netns ? "Starting (netns)" : "Starting (loopback)")
        : "Attaching to", script);
    try (ClusterControl cluster = clusterOpener.open(script, start, netns)) {
      Optional<String> notWhole = ClusterHealth.notConverged(cluster);
      if (notWhole.isPresent()) {
        log.println("harness chaos: the cluster is not whole (" + notWhole.get() + "); start it, or pass --start");
        return Harness.ERROR;
      }
      ChaosPlan plan = ChaosPlan.of(cluster, kinds, victim - 1, faultHold);
      log.println("Faults: " + (plan.faults().isEmpty() ? "none" : String.join(", ",
          plan.faults().stream().map(Fault::name).toList())));
      plan.skipped().forEach(s -> log.println("Skipped: " + s));

      ChaosSession.Settings settings = new ChaosSession.Settings(chosen, options, rate, probeHosts,
          probeSettings != null ? probeSettings : RecoveryProbe.Settings.defaults(clock), settle,
          journalUrl != null ? journalUrl : cluster.jdbcUrl(),
          journalUser != null ? journalUser : cluster.jdbcUser(),
          journalPassword != null ? journalPassword : cluster.jdbcPassword());
      Map<String, String> described = describe(cluster, chosen, options, faultHold);
      ChaosSession session = new ChaosSession(cluster, settings, historyOpener, clock, log, progress(log));
      ChaosAttribution.Session result = session.run(plan, described);

      ChaosReport report = ChaosAttribution.build(String.format(Locale.ROOT,
          "harness chaos: %s at %.0f requests/s, node faults on %s", chosen.label(), rate, Fault.label(victim - 1)),
          clock.instant(), result);
      write(out, report, result);
      log.println();
      log.println(Files.readString(out.resolve(CHAOS_MD)));
      log.println("Report: " + out.toAbsolutePath());
      if (!report.audit().ran()) {
        return Harness.ERROR;
      }
      if (!report.passed()) {
        return Harness.AUDIT_FAILED;
      }
      return report.faultFailed() ? Harness.ERROR : 0;
    }
  }

  private static ClusterControl openScript(Path script, boolean start, boolean netns) {
    return start ? ScriptCluster.start(script, Map.of(), netns) : ScriptCluster.attach(script, Map.of());
  }

  private ProgressSink progress(PrintWriter log) {
    if (quiet) {
      return ProgressSink.NONE;
    }
    return snapshot -> {
      if (snapshot.elapsed().toSeconds() % 10 == 0) {
        log.println(snapshot.line());
      }
    };
  }

  private Map<String, String> describe(ClusterControl cluster, Scenario chosen, ScenarioOptions options,
      Duration faultHold) {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("scenario", chosen.label());
    described.put("rate", String.format(Locale.ROOT, "%.0f/s", rate));
    described.put("load hosts", Integer.toString(options.hostsFor(chosen)));
    described.put("probe hosts", Integer.toString(probeHosts));
    described.put("victim", Fault.label(victim - 1));
    described.put("faults", faults);
    described.put("hold", seconds(faultHold));
    described.put("settle", seconds(settle));
    described.put("seed", Long.toString(seed));
    described.put("cluster", cluster.toString());
    described.put("request timeout", seconds(timeout) + ", " + maxAttempts + " attempts");
    return described;
  }

  /** "28 s", "0.5 s". */
  static String seconds(Duration duration) {
    return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  /** chaos.json, chaos.md, chaos.png, and the load's own report (result.json, summary.md, charts). */
  static void write(Path dir, ChaosReport report, ChaosAttribution.Session session) throws IOException {
    Files.createDirectories(dir);
    JSON.writeValue(dir.resolve(CHAOS_JSON).toFile(), report);
    Files.writeString(dir.resolve(CHAOS_MD), ChaosMarkdown.render(report), StandardCharsets.UTF_8);
    ChaosChart.write(dir.resolve(CHAOS_PNG), session.load(), report);
    Files.write(dir.resolve(PROBE_CSV), probeAttempts(session.faults()), StandardCharsets.UTF_8);
    ReportWriter.write(dir, Report.of("harness chaos: the load through the faults (load hosts only)",
        java.util.List.of(SystemReport.of(session.load(), session.loadAudit(), session.auditNote()))));
  }

  /** Every try of the recovery probe, one line each: to see which node failed a host, and when. */
  static java.util.List<String> probeAttempts(java.util.List<dev.scheduler.harness.chaos.FaultRunner.FaultRun> runs) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("fault,phase,host,request,node,answer,sent_at,answered_at");
    for (var run : runs) {
      run.duringFault().ifPresent(r -> r.attempts().forEach(a -> lines.add(probeLine(run.fault(), "during", a))));
      run.afterHeal().ifPresent(r -> r.attempts().forEach(a -> lines.add(probeLine(run.fault(), "after", a))));
    }
    return lines;
  }

  private static String probeLine(String fault, String phase, dev.scheduler.harness.chaos.RecoveryProbe.Attempt a) {
    return String.join(",", fault, phase, a.hostId(), a.request(), Integer.toString(a.node() + 1), a.answer(),
        a.sentAt().toString(), a.answeredAt().toString());
  }

  static ChaosReport read(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(CHAOS_JSON).toFile(), ChaosReport.class);
  }
}
