package dev.scheduler.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Auditor;
import dev.scheduler.harness.audit.ClientLedger;
import dev.scheduler.harness.audit.ClientLedger.Outcome;
import dev.scheduler.harness.audit.HistoryEvent;
import dev.scheduler.harness.chaos.FaultRunner;
import dev.scheduler.harness.chaos.RecoveryProbe;
import dev.scheduler.harness.load.FailedAttempt;
import dev.scheduler.harness.load.FailureLog;
import dev.scheduler.harness.load.LatencySummary;
import dev.scheduler.harness.load.Operation;
import dev.scheduler.harness.load.OperationSecond;
import dev.scheduler.harness.load.OutcomeKind;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.ScenarioOptions;
import dev.scheduler.harness.load.SecondStats;
import dev.scheduler.harness.load.SystemRun;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chaos report's attribution on planted data: a 40 s load, a lead-in of 10 s, "kill -9 node2"
 * injected at 10 s and healed at 20 s, "restart PostgreSQL" injected at 30 s and healed at 31 s.
 * Every planted failure, booking answer and violation has one right place.
 */
class ChaosAttributionTest {
  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
  private static final String HOST = "h1";

  private final FailureLog failures = new FailureLog();
  private final ClientLedger ledger = new ClientLedger();
  private final Map<String, List<HistoryEvent>> history = new LinkedHashMap<>();
  private long seq;

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  private void fail(double answeredAt, OutcomeKind kind, int status, boolean retryAfter, boolean last) {
    failures.record(new FailedAttempt(seq++, Operation.BOOK, HOST, 1, 0, kind, status, retryAfter,
        at(answeredAt - 0.1), at(answeredAt), last));
  }

  private void book(double answeredAt, String key, String answer, boolean uncertain, String bookingId,
      boolean inJournal) {
    Instant slot = T0.plus(Duration.ofDays(1)).plusSeconds(3600L * seq);
    Outcome outcome = answer.equals("201") ? Outcome.ACKNOWLEDGED : Outcome.REJECTED;
    ledger.record(new ClientLedger.BookingCall(seq++, HOST, key, slot, outcome, uncertain, bookingId, answer,
        at(answeredAt - 0.1), at(answeredAt)));
    if (inJournal) {
      history.computeIfAbsent(HOST, h -> new ArrayList<>()).add(new HistoryEvent.Confirmed(HOST,
          bookingId == null ? "journal-" + key : bookingId, key, slot, slot.plusSeconds(1800), 0, 0));
    }
  }

  private ChaosReport plantedReport() {
    // Failed attempts, each in one period.
    fail(9.999, OutcomeKind.CONNECTION_REFUSED, 0, false, false); // lead-in, just before the injection
    fail(12, OutcomeKind.UNAVAILABLE, 503, true, false); // kill, during
    fail(12.5, OutcomeKind.UNAVAILABLE, 503, true, true); // kill, during: the request failed so
    fail(25, OutcomeKind.SERVER_ERROR, 500, false, false); // kill, after the heal: a wrong answer
    fail(30, OutcomeKind.TIMEOUT, 0, false, true); // restart, during: exactly at its injection
    fail(30.5, OutcomeKind.UNAVAILABLE, 503, false, false); // restart, during, without Retry-After
    fail(35, OutcomeKind.CLIENT_ERROR, 404, false, true); // restart, after
    fail(40, OutcomeKind.CLIENT_OVERLOAD, 0, false, true); // restart, at the load's very end

    // Booking answers: the lead-in has 1 409 of 10; the kill's window 2 of 4, one of them wrong.
    for (int i = 0; i < 10; i++) {
      book(1 + i * 0.5, "lead-" + i, i == 3 ? "409" : "201", false, i == 3 ? null : "lead-b" + i, i != 3);
    }
    long wrongSeq = seq;
    book(15, "k-wrong", "409", true, null, true); // its own first attempt booked: a wrong 409
    failures.record(new FailedAttempt(wrongSeq, Operation.BOOK, HOST, 1, 2, OutcomeKind.TIMEOUT, 0, false, at(4.9),
        at(14.9), false)); // that first attempt, which timed out
    book(15.5, "k-taken", "409", true, null, false); // someone else had the slot: a right 409
    book(16, "k-ok1", "201", false, "b-ok1", true);
    book(26, "k-lost1", "201", false, "b-lost1", false); // acknowledged, never stored...
    ledger.record(new ClientLedger.CancelCall(seq++, HOST, "b-lost1", Outcome.ACKNOWLEDGED, false, "200", at(33.9),
        at(34))); // ...and cancelled in the next window: the loss is still the kill's
    book(33, "k-lost2", "201", false, "b-lost2", false); // acknowledged, never stored
    history.get(HOST).add(new HistoryEvent.Confirmed(HOST, "b-ghost", "k-ghost", T0.plus(Duration.ofDays(9)),
        T0.plus(Duration.ofDays(9)).plusSeconds(1800), 0, 0)); // nobody asked for it
    ledger.addHost(HOST);

    List<SecondStats> series = new ArrayList<>();
    for (int s = 0; s < 40; s++) {
      OperationSecond slots = new OperationSecond(10, 10, Map.of(OutcomeKind.OK, 10L), 0, 0,
          Map.of(OutcomeKind.OK, 10L), LatencySummary.EMPTY);
      series.add(new SecondStats(s, T0.plusSeconds(s), Map.of(Operation.SLOTS, slots)));
    }
    SystemRun run = new SystemRun("cluster", List.of(URI.create("http://n1"), URI.create("http://n2")),
        Scenario.MIXED, ScenarioOptions.defaults(), T0, Duration.ofSeconds(40), Duration.ofSeconds(40), 10, true,
        Map.of(), series, List.of(HOST), ledger, failures);

    FaultRunner.FaultRun kill = new FaultRunner.FaultRun("kill -9 node2", at(10), at(18), at(20), "node2 started again",
        Optional.of(probe(at(10), Duration.ofMillis(12_500), Duration.ofMillis(21_000))),
        Optional.of(probe(at(20), Duration.ofMillis(400), Duration.ofMillis(1_200))), Optional.empty());
    FaultRunner.FaultRun restart = new FaultRunner.FaultRun("restart PostgreSQL", at(30), at(30), at(31),
        "every node ready again", Optional.of(probe(at(30), Duration.ofMillis(800), null)),
        Optional.of(probe(at(31), Duration.ofMillis(300), Duration.ofMillis(500))), Optional.empty());

    ClientLedger probeLedger = new ClientLedger();
    AuditResult loadAudit = Auditor.audit(ledger, history);
    AuditResult probeAudit = Auditor.audit(probeLedger, history);
    ChaosAttribution.Session session = new ChaosAttribution.Session(run, List.of(kill, restart),
        List.of("partition node2: not run, loopback only"), 2, history, loadAudit, probeAudit, probeLedger,
        "journal planted", Map.of("scenario", "mixed"), List.of());
    return ChaosAttribution.build("planted", T0.plusSeconds(60), session);
  }

  private static RecoveryProbe.Result probe(Instant since, Duration first, Duration second) {
    return new RecoveryProbe.Result(since, since.plusSeconds(30), List.of(
        new RecoveryProbe.HostRecovery("p1", Optional.ofNullable(first), 4, first == null ? 4 : 1, null),
        new RecoveryProbe.HostRecovery("p2", Optional.ofNullable(second), 4, second == null ? 4 : 1, null)),
        List.of(), List.of());
  }

  @Test
  void theLeadInHoldsOnlyWhatHappenedBeforeTheFirstInjection() {
    ChaosReport.Period lead = plantedReport().leadIn();
    assertThat(lead.from()).isEqualTo(T0);
    assertThat(lead.to()).isEqualTo(at(10));
    assertThat(lead.requestsSent()).isEqualTo(100);
    assertThat(lead.failedAttempts()).isEqualTo(1);
    assertThat(lead.attemptsByKind()).containsExactly(Map.entry("refused", 1L));
    assertThat(lead.connectionFailures()).isEqualTo(1);
    assertThat(lead.failedRequests()).isZero();
    assertThat(lead.bookingAnswers()).isEqualTo(10);
    assertThat(lead.booking409()).isEqualTo(1);
    assertThat(lead.wrongAnswers()).isZero();
  }

  @Test
  void aFaultsFailuresGoToItsWindowSplitAtTheHeal() {
    ChaosReport.FaultReport kill = plantedReport().faults().get(0);
    assertThat(kill.windowEnd()).isEqualTo(at(30));

    ChaosReport.Period during = kill.duringFault();
    assertThat(during.requestsSent()).isEqualTo(100);
    assertThat(during.failedAttempts()).isEqualTo(3);
    assertThat(during.unavailableWithRetryAfter()).isEqualTo(2);
    assertThat(during.timeouts()).isEqualTo(1);
    assertThat(during.failedRequests()).isEqualTo(1);
    assertThat(during.requestsByKind()).containsExactly(Map.entry("503 with Retry-After", 1L));
    assertThat(during.booking409()).isEqualTo(2);
    assertThat(during.wrong409()).isEqualTo(1);

    ChaosReport.Period after = kill.afterHeal();
    assertThat(after.attemptsByKind()).containsExactly(Map.entry("500", 1L));
    assertThat(after.serverErrors()).isEqualTo(1);
    assertThat(after.failedRequests()).isZero();

    ChaosReport.Period window = kill.window();
    assertThat(window.requestsSent()).isEqualTo(200);
    assertThat(window.failedAttempts()).isEqualTo(4);
    assertThat(window.bookingAnswers()).isEqualTo(4);
    assertThat(window.booking409Share()).isEqualTo(0.5);
    assertThat(window.wrongAnswers()).isEqualTo(2);
    assertThat(window.lastFailureAt()).isEqualTo(at(25));
  }

  @Test
  void theLastWindowStartsAtItsInjectionAndKeepsTheLoadsLastMoment() {
    ChaosReport report = plantedReport();
    ChaosReport.FaultReport restart = report.faults().get(1);
    assertThat(restart.windowEnd()).isEqualTo(report.loadEndedAt()).isEqualTo(at(40));
    assertThat(restart.duringFault().attemptsByKind())
        .containsExactly(Map.entry("503 without Retry-After", 1L), Map.entry("timeout", 1L));
    assertThat(restart.window().attemptsByKind()).containsOnly(Map.entry("503 without Retry-After", 1L),
        Map.entry("timeout", 1L), Map.entry("404", 1L), Map.entry("client-overload", 1L));
    assertThat(restart.window().failedRequests()).isEqualTo(3);
    assertThat(restart.window().timeouts()).isEqualTo(1);
    assertThat(restart.window().unavailableWithoutRetryAfter()).isEqualTo(1);
    assertThat(restart.window().serverErrors()).isZero();
    assertThat(restart.window().requestsSent()).isEqualTo(100);
    assertThat(restart.duringFault().requestsSent()).isEqualTo(10);
    assertThat(restart.window().lastFailureAt()).isEqualTo(at(40));
    assertThat(report.wrongAnswers()).isEqualTo(2);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void wrongAnswersAreListedInTimeOrderWithWhatExplainsThem() {
    List<String> wrong = plantedReport().wrongAnswerDetails();
    assertThat(wrong).hasSize(2);
    assertThat(wrong.get(0)).startsWith("2030-01-01T10:00:15Z, kill -9 node2: 409 to booking request")
        .contains("key k-wrong", "after earlier attempts timeout from node3 at 2030-01-01T10:00:14.900Z",
            "the journal holds booking journal-k-wrong");
    assertThat(wrong.get(1)).startsWith("2030-01-01T10:00:25Z, kill -9 node2: 500 to book request")
        .contains("(host h1) from node1, attempt 1");
  }

  @Test
  void aSecondAcrossAnEdgeCountsInProportion() {
    assertThat(ChaosAttribution.overlap(at(10), at(10.25), at(30))).isEqualTo(0.75);
    assertThat(ChaosAttribution.overlap(at(10), at(5), at(10.5))).isEqualTo(0.5);
    assertThat(ChaosAttribution.overlap(at(10), at(11), at(12))).isZero();
  }

  @Test
  void recoveryIsTheSlowestProbeHostOrNoneWhenOneNeverBooked() {
    ChaosReport report = plantedReport();
    ChaosReport.Recovery kill = report.faults().get(0).recovery();
    assertThat(kill.fromInjectionSeconds()).isEqualTo(21.0);
    assertThat(kill.fromHealSeconds()).isEqualTo(1.2);
    assertThat(kill.recoveredDuring()).isEqualTo(2);
    ChaosReport.Recovery restart = report.faults().get(1).recovery();
    assertThat(restart.fromInjectionSeconds()).isNull();
    assertThat(restart.recoveredDuring()).isEqualTo(1);
    assertThat(restart.fromHealSeconds()).isEqualTo(0.5);
  }

  @Test
  void violationsGoToTheWindowOfTheRequestBehindThemAndTheRestIsUnattributed() {
    ChaosReport report = plantedReport();
    ChaosReport.Audit audit = report.audit();
    assertThat(audit.ran()).isTrue();
    assertThat(audit.passed()).isFalse();
    assertThat(audit.violations()).isEqualTo(3); // two lost bookings and one nobody asked for
    assertThat(audit.violationsByWindow()).containsOnly(Map.entry("kill -9 node2", 1),
        Map.entry("restart PostgreSQL", 1));
    assertThat(audit.unattributed()).isEqualTo(1);
    assertThat(report.faults().get(0).violations()).isEqualTo(1);
    assertThat(report.faults().get(1).violations()).isEqualTo(1);
    assertThat(audit.violationLines()).anyMatch(v -> v.startsWith("LOST_BOOKING")).anyMatch(v -> v.startsWith(
        "UNREQUESTED_BOOKING"));
  }

  @Test
  void theMarkdownHasOneRowPerFaultWithItsFigures() {
    String md = ChaosMarkdown.render(plantedReport());
    assertThat(md).contains(
        "| lead-in, no fault (10 s) | | | clean | 100 | 0 | refused 1 | none | 1 of 10 (10.0 %) | | +10.0 s |");
    assertThat(md).contains("| kill -9 node2 | 10:00:10 | 10:00:20 (+10.0 s) | **1 violation(s)** | 200 |"
        + " 1 (503 with Retry-After 1)"
        + " | 503 with Retry-After 2, 500 1, timeout 1 | **1 5xx other than 503, 1 409 to a request that had booked** |"
        + " 2 of 4 (50.0 %) | 21.0 s after injection; 1.2 s after heal | +15.0 s |");
    assertThat(md).contains("| restart PostgreSQL | 10:00:30 | 10:00:31 (+1.0 s) | **1 violation(s)** | 100 |");
    assertThat(md).contains("not every host (1/2) from injection; 0.5 s after heal");
    assertThat(md).contains("**Audit: FAIL, 3 violation(s)**", "**Wrong answers: 2**");
    assertThat(md).contains("- partition node2: not run, loopback only");
    assertThat(md).contains("| kill -9 node2 | during (inject to whole again) | 10.0 | 100 | 1 | 2 | 0 | 0 | 0 | 1 |");
    assertThat(md).contains("## Wrong answers", "- 2030-01-01T10:00:25Z, kill -9 node2: 500 to book request");
    assertThat(md).contains("| kill -9 node2 | after the heal | 10.0 | 100 | 0 | 0 | 0 | 1 | 0 | 0 |");
  }

  @Test
  void withoutAJournalTheAuditIsNotDoneAndSaysWhy() {
    plantedReport(); // fills the ledger and failure log
    SystemRun run = new SystemRun("cluster", List.of(URI.create("http://n1")), Scenario.MIXED,
        ScenarioOptions.defaults(), T0, Duration.ofSeconds(5), Duration.ofSeconds(5), 10, false, Map.of(), List.of(),
        List.of(HOST), ledger, failures);
    ChaosReport report = ChaosAttribution.build("no journal", T0, new ChaosAttribution.Session(run, List.of(),
        List.of(), 2, null, null, null, new ClientLedger(), "reading the journal failed: refused", Map.of(),
        List.of()));
    assertThat(report.audit().ran()).isFalse();
    assertThat(report.passed()).isFalse();
    assertThat(report.leadIn().to()).isEqualTo(T0.plusSeconds(5));
    assertThat(ChaosMarkdown.render(report)).contains("**Audit: not done** (reading the journal failed: refused)");
  }

  @Test
  void theProbesBookingsBecomeALedgerTheAuditorUnderstands() {
    Instant sent = T0;
    RecoveryProbe.Result result = new RecoveryProbe.Result(T0, T0.plusSeconds(5), List.of(), List.of(), List.of(
        new RecoveryProbe.ProbeBooking("p1", "k1", "2030-02-01T10:00:00Z", "201", true, false, true, "b1", sent, sent),
        new RecoveryProbe.ProbeBooking("p1", "k2", "2030-02-01T11:00:00+00:00", "409", false, false, false, null, sent,
            sent),
        new RecoveryProbe.ProbeBooking("p1", "k3", "2030-02-01T12:00:00Z", "book 503", false, true, true, null, sent,
            sent),
        new RecoveryProbe.ProbeBooking("p1", "k4", "2030-02-01T13:00:00Z", "book refused by every node", false, false,
            false, null, sent, sent)));
    ClientLedger probe = ChaosSession.probeLedger(List.of("p1", "p2"), List.of(result));
    assertThat(probe.hosts()).containsExactlyInAnyOrder("p1", "p2");
    assertThat(probe.bookings()).extracting(ClientLedger.BookingCall::outcome).containsExactly(Outcome.ACKNOWLEDGED,
        Outcome.REJECTED, Outcome.INDETERMINATE, Outcome.FAILED);
    assertThat(probe.bookings().get(1).start()).isEqualTo(Instant.parse("2030-02-01T11:00:00Z"));
    assertThat(probe.bookings().get(0).uncertain()).isTrue();
  }

  @Test
  void thePlanRunsWhatWasAskedInTheIssuesOrderAndSaysWhyTheRestDidNot() throws Exception {
    assertThat(ChaosPlan.parseKinds("partition, kill")).containsExactly("partition", "kill");
    assertThat(ChaosPlan.parseKinds("all")).containsExactly("kill", "pg", "pause", "partition");
    assertThatThrownBy(() -> ChaosPlan.parseKinds("kill,flood")).hasMessageContaining("unknown fault 'flood'");
    assertThatThrownBy(() -> ChaosPlan.parseKinds(" , ")).hasMessageContaining("no fault");
    try (FakeChaosCluster cluster = new FakeChaosCluster()) {
      cluster.partitionable = false;
      ChaosPlan plan = ChaosPlan.of(cluster, Set.of("partition", "pause", "kill"), 2, Duration.ofSeconds(5));
      assertThat(plan.faults()).extracting(f -> f.name()).containsExactly("kill -9 node3", "pause node3 for 5 s");
      assertThat(plan.faults()).allMatch(f -> f.hold().equals(Duration.ofSeconds(5)));
      assertThat(plan.skipped()).containsExactly("restart PostgreSQL: not asked for (--faults)",
          "partition node3: not run, loopback only");
    }
  }
}
