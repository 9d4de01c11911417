package dev.scheduler.harness.cli;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Auditor;
import dev.scheduler.harness.audit.BookingHistorySource;
import dev.scheduler.harness.audit.ClientLedger;
import dev.scheduler.harness.audit.HistoryEvent;
import dev.scheduler.harness.chaos.ClusterControl;
import dev.scheduler.harness.chaos.Fault;
import dev.scheduler.harness.chaos.FaultRunner;
import dev.scheduler.harness.chaos.ProbeHosts;
import dev.scheduler.harness.chaos.RecoveryProbe;
import dev.scheduler.harness.load.LoadFixture;
import dev.scheduler.harness.load.LoadRunner;
import dev.scheduler.harness.load.LoadTarget;
import dev.scheduler.harness.load.ProgressSink;
import dev.scheduler.harness.load.RunningLoad;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.ScenarioOptions;
import dev.scheduler.harness.load.SystemRun;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One chaos session, start to end: the load's hosts and the probe's hosts are set up, the probe
 * checks every probe host books, the load starts and runs through the whole session, the faults
 * run in turn with a quiet settle time before the first and after each, the load stops, and the
 * journal is read once to audit the load's hosts and the probe's.
 */
final class ChaosSession {
  /** How the auditor reaches the system's history for the given hosts (a seam for tests). */
  @FunctionalInterface
  interface HistoryOpener {
    BookingHistorySource open(String url, String user, String password, Collection<String> hostIds);
  }

  /**
   * @param probe how the recovery probe books (timeouts, slot range)
   * @param settle quiet load before the first fault and after each
   */
  record Settings(Scenario scenario, ScenarioOptions options, double rate, int probeHosts,
      RecoveryProbe.Settings probe, Duration settle, String jdbcUrl, String jdbcUser, String jdbcPassword) {}

  private final ClusterControl cluster;
  private final Settings settings;
  private final HistoryOpener history;
  private final Clock clock;
  private final PrintWriter log;
  private final ProgressSink progress;

  ChaosSession(ClusterControl cluster, Settings settings, HistoryOpener history, Clock clock, PrintWriter log,
      ProgressSink progress) {
    this.cluster = cluster;
    this.settings = settings;
    this.history = history;
    this.clock = clock;
    this.log = log;
    this.progress = progress;
  }

  ChaosAttribution.Session run(ChaosPlan plan, Map<String, String> reportSettings) throws Exception {
    LoadTarget target = new LoadTarget("cluster", cluster.nodeUrls(), cluster.adminToken());
    log.printf("Setting up %d %s hosts and %d probe hosts on %s...%n",
        settings.options().hostsFor(settings.scenario()), settings.scenario().label(), settings.probeHosts(),
        cluster.nodeUrls());
    LoadFixture fixture = LoadRunner.prepare(target, settings.scenario(), settings.options());
    List<RecoveryProbe.Target> targets = ProbeHosts.create(cluster, "Chaos probe " + clock.millis(),
        settings.probeHosts());
    RecoveryProbe probe = RecoveryProbe.forCluster(cluster, settings.probe());
    List<RecoveryProbe.Result> probeResults = new ArrayList<>();
    RecoveryProbe.Result first = probe.measure(targets, clock.instant());
    probeResults.add(first);
    if (!first.allRecovered()) {
      throw new IllegalStateException("before any fault, not every probe host could book: " + first.summary());
    }

    List<FaultRunner.FaultRun> runs = new ArrayList<>();
    List<String> skipped = new ArrayList<>(plan.skipped());
    List<String> notes = new ArrayList<>();
    log.printf("Load: %s at %.0f requests/s through the whole session; %s of quiet load first.%n",
        settings.scenario().label(), settings.rate(), ChaosCommand.seconds(settings.settle()));
    RunningLoad load = fixture.start(upperBound(plan), settings.rate(), progress);
    try {
      Thread.sleep(settings.settle().toMillis());
      FaultRunner runner = new FaultRunner(cluster, probe, targets, clock);
      String broken = null;
      for (Fault fault : plan.faults()) {
        if (broken != null) {
          skipped.add(fault.name() + ": not run, the cluster did not come back after " + broken);
          continue;
        }
        log.printf("== %s: injecting, holding %s...%n", fault.name(), ChaosCommand.seconds(fault.hold()));
        try {
          FaultRunner.FaultRun run = runner.run(fault);
          runs.add(run);
          run.duringFault().ifPresent(probeResults::add);
          run.afterHeal().ifPresent(probeResults::add);
          log.println("== " + run.summary());
          if (run.error().isPresent() && !"not injected".equals(run.healNotes())) {
            broken = fault.name();
          }
        } catch (RuntimeException e) {
          notes.add(fault.name() + ": the fault run failed (" + e + "); no further fault was injected");
          broken = fault.name();
          log.println("== " + fault.name() + " failed: " + e);
        }
        Thread.sleep(settings.settle().toMillis());
      }
    } finally {
      load.stop();
    }
    SystemRun result = load.await();
    log.printf("Load stopped: %d requests sent, %d failed attempts logged.%n", result.sent(),
        result.failures().attempts().size() + result.failures().dropped());

    List<String> probeHostIds = targets.stream().map(RecoveryProbe.Target::hostId).toList();
    ClientLedger probeLedger = probeLedger(probeHostIds, probeResults);
    List<String> hosts = new ArrayList<>(result.hostIds());
    hosts.addAll(probeHostIds);
    Map<String, List<HistoryEvent>> events = null;
    AuditResult loadAudit = null;
    AuditResult probeAudit = null;
    String note = "journal " + settings.jdbcUrl();
    try {
      events = history.open(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(), hosts).readAll();
      loadAudit = Auditor.audit(result.ledger(), events);
      probeAudit = Auditor.audit(probeLedger, events);
      log.println("Audit of the load's hosts: " + loadAudit.verdict());
      log.println("Audit of the probe's hosts: " + probeAudit.verdict());
    } catch (Exception e) {
      events = null;
      note = "reading the journal at " + settings.jdbcUrl() + " failed: " + e.getMessage();
      log.println("Audit not done: " + note);
    }
    return new ChaosAttribution.Session(result, runs, skipped, settings.probeHosts(), events, loadAudit, probeAudit,
        probeLedger, note, reportSettings, notes);
  }

  /** A cap on the load's length; it is stopped once the last settle time is over. */
  private Duration upperBound(ChaosPlan plan) {
    Duration bound = settings.settle().multipliedBy(plan.faults().size() + 1L).plusMinutes(10);
    for (Fault fault : plan.faults()) {
      bound = bound.plus(fault.hold()).plusMinutes(10);
    }
    return bound;
  }

  /**
   * The recovery probe's bookings as the auditor's client ledger: acknowledged (2xx), rejected (a
   * 4xx, with a new key for the next slot), indeterminate (given up on an unknown outcome), or
   * failed (given up having only ever been refused a connection: it never reached a node).
   */
  static ClientLedger probeLedger(Collection<String> probeHostIds, List<RecoveryProbe.Result> results) {
    ClientLedger ledger = new ClientLedger();
    ledger.addHosts(probeHostIds);
    long seq = 0;
    for (RecoveryProbe.Result result : results) {
      for (RecoveryProbe.ProbeBooking b : result.bookings()) {
        ClientLedger.Outcome outcome;
        if (b.acknowledged()) {
          outcome = ClientLedger.Outcome.ACKNOWLEDGED;
        } else if (b.indeterminate()) {
          outcome = ClientLedger.Outcome.INDETERMINATE;
        } else if (b.finalAnswer() != null && b.finalAnswer().matches("\\d{3}")) {
          outcome = ClientLedger.Outcome.REJECTED;
        } else {
          outcome = ClientLedger.Outcome.FAILED;
        }
        ledger.record(new ClientLedger.BookingCall(seq++, b.hostId(), b.idempotencyKey(), instant(b.start()), outcome,
            b.uncertain(), b.bookingId(), b.finalAnswer(), b.firstSentAt(), b.answeredAt()));
      }
    }
    return ledger;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }
}
