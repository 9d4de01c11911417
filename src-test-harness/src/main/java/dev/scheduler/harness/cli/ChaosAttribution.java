package dev.scheduler.harness.cli;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.ClientLedger;
import dev.scheduler.harness.audit.HistoryEvent;
import dev.scheduler.harness.audit.Violation;
import dev.scheduler.harness.chaos.FaultRunner;
import dev.scheduler.harness.chaos.RecoveryProbe;
import dev.scheduler.harness.load.FailedAttempt;
import dev.scheduler.harness.load.OutcomeKind;
import dev.scheduler.harness.load.SecondStats;
import dev.scheduler.harness.load.SystemRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts a chaos session's figures in time: the lead-in before the first fault, and for each fault
 * its window (from its injection to the next one's), split at the heal. Pure: it reads what the
 * session recorded (the load's per-second series, failure log and client ledger, the fault runs,
 * the journal) and computes; the tests feed it planted data.
 */
final class ChaosAttribution {
  static final String LEAD_IN = "lead-in";
  static final String BEFORE_LOAD = "before the load";
  static final int VIOLATION_LINES = 100;
  static final int WRONG_ANSWER_LINES = 100;

  private ChaosAttribution() {}

  /**
   * What a chaos session produced.
   *
   * @param history the journal's events for the load's and the probe's hosts; null when it could
   *     not be read ({@code auditNote} says why, and the audits are null)
   * @param probeLedger the recovery probe's booking requests, in the ledger's shape
   */
  record Session(SystemRun load, List<FaultRunner.FaultRun> faults, List<String> skipped, int probeHosts,
      Map<String, List<HistoryEvent>> history, AuditResult loadAudit, AuditResult probeAudit, ClientLedger probeLedger,
      String auditNote, Map<String, String> settings, List<String> notes) {}

  static ChaosReport build(String title, Instant createdAt, Session session) {
    SystemRun load = session.load();
    Instant loadStart = load.startedAt();
    Instant loadEnd = loadStart.plus(load.wallTime());
    List<FaultRunner.FaultRun> runs = session.faults();
    Map<String, String> journalKeys = journalKeys(session.history());
    Periods periods = new Periods(load, journalKeys.keySet());

    Instant firstInjection = runs.isEmpty() ? loadEnd : runs.get(0).injectedAt();
    ChaosReport.Period leadIn = periods.of(loadStart, firstInjection, runs.isEmpty());

    List<Instant> windowEnds = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      FaultRunner.FaultRun run = runs.get(i);
      boolean last = i == runs.size() - 1;
      Instant end = last ? loadEnd : runs.get(i + 1).injectedAt();
      windowEnds.add(end.isBefore(run.healedAt()) ? run.healedAt() : end);
    }

    AuditAttribution audit = attributeAudit(session, runs, windowEnds);
    List<ChaosReport.FaultReport> faults = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      FaultRunner.FaultRun run = runs.get(i);
      boolean last = i == runs.size() - 1;
      Instant end = windowEnds.get(i);
      faults.add(new ChaosReport.FaultReport(run.fault(), run.injectedAt(), run.healStartedAt(), run.healedAt(), end,
          run.healNotes(), run.error().orElse(null),
          periods.of(run.injectedAt(), run.healedAt(), false),
          periods.of(run.healedAt(), end, last),
          periods.of(run.injectedAt(), end, last),
          recovery(run, session.probeHosts()), audit.byWindow().getOrDefault(run.fault(), 0)));
    }

    List<String> notes = new ArrayList<>(session.notes());
    if (load.failures().dropped() > 0) {
      notes.add(String.format("The failure log kept the first %d failed attempts; %d later ones were only counted"
          + " and are missing from the windows.", load.failures().attempts().size(), load.failures().dropped()));
    }
    List<String> wrong = wrongAnswers(load, journalKeys, runs, windowEnds);
    if (wrong.size() > WRONG_ANSWER_LINES) {
      notes.add("Wrong answers: the first " + WRONG_ANSWER_LINES + " of " + wrong.size() + " are listed.");
      wrong = wrong.subList(0, WRONG_ANSWER_LINES);
    }
    return new ChaosReport(ChaosReport.VERSION, title, createdAt, session.settings(),
        load.nodes().stream().map(Object::toString).toList(), loadStart, loadEnd, audit.audit(), leadIn, faults,
        session.skipped(), notes, wrong);
  }

  /**
   * One line per wrong answer, in time order: every 5xx other than 503, and every 409 to a booking
   * request whose own earlier attempt had booked (with those attempts and the booking).
   */
  private static List<String> wrongAnswers(SystemRun load, Map<String, String> journalKeys,
      List<FaultRunner.FaultRun> runs, List<Instant> windowEnds) {
    Map<Long, List<FailedAttempt>> attemptsBySeq = new HashMap<>();
    List<Map.Entry<Instant, String>> lines = new ArrayList<>();
    for (FailedAttempt a : load.failures().attempts()) {
      attemptsBySeq.computeIfAbsent(a.seq(), s -> new ArrayList<>()).add(a);
      if (a.kind() == OutcomeKind.SERVER_ERROR) {
        lines.add(Map.entry(a.answeredAt(), String.format("%s, %s: %d to %s request %d (host %s) from node%d,"
            + " attempt %d", a.answeredAt(), window(a.answeredAt(), load, runs, windowEnds), a.status(),
            a.operation().label(), a.seq(), a.hostId(), a.node() + 1, a.attempt())));
      }
    }
    for (ClientLedger.BookingCall call : load.ledger().bookings()) {
      String booked = journalKeys.get(call.hostId() + "\n" + call.idempotencyKey());
      if ("409".equals(call.answer()) && call.uncertain() && booked != null) {
        String earlier = attemptsBySeq.getOrDefault(call.seq(), List.of()).stream()
            .map(a -> kindOf(a) + " from node" + (a.node() + 1) + " at " + a.answeredAt())
            .reduce((x, y) -> x + ", " + y).orElse("none kept");
        lines.add(Map.entry(call.answeredAt(), String.format("%s, %s: 409 to booking request %d (host %s, key %s,"
            + " slot %s, due %s) after earlier attempts %s; the journal holds booking %s made with that key",
            call.answeredAt(), window(call.answeredAt(), load, runs, windowEnds), call.seq(), call.hostId(),
            call.idempotencyKey(), call.start(), call.sentAt(), earlier, booked)));
      }
    }
    lines.sort(Map.Entry.comparingByKey());
    return lines.stream().map(Map.Entry::getValue).toList();
  }

  private static String window(Instant at, SystemRun load, List<FaultRunner.FaultRun> runs,
      List<Instant> windowEnds) {
    String window = windowOf(at, load.startedAt(), runs, windowEnds);
    return window == null ? "after the last window" : window;
  }

  /**
   * How a failed attempt is counted: a 503 with or without {@code Retry-After}, any other status
   * as itself ("500", "404"), and no answer by its kind ("timeout", "refused", ...).
   */
  static String kindOf(FailedAttempt attempt) {
    return switch (attempt.kind()) {
      case UNAVAILABLE -> attempt.retryAfter() ? "503 with Retry-After" : "503 without Retry-After";
      case SERVER_ERROR, CLIENT_ERROR, CONFLICT, OK -> Integer.toString(attempt.status());
      default -> attempt.kind().label();
    };
  }

  /** The figures of any span of the load. */
  private static final class Periods {
    private final SystemRun load;
    private final Set<String> journalKeys;

    Periods(SystemRun load, Set<String> journalKeys) {
      this.load = load;
      this.journalKeys = journalKeys;
    }

    /** [from, to), or [from, to] for the last span (nothing is lost at the load's very end). */
    ChaosReport.Period of(Instant from, Instant to, boolean inclusiveEnd) {
      double sent = 0;
      double completed = 0;
      for (SecondStats second : load.series()) {
        double share = overlap(second.at(), from, to);
        sent += share * second.sent();
        completed += share * second.completed();
      }
      long bookingAnswers = 0;
      long conflicts = 0;
      long wrongConflicts = 0;
      for (ClientLedger.BookingCall call : load.ledger().bookings()) {
        if (call.answeredAt() != null && within(call.answeredAt(), from, to, inclusiveEnd)) {
          bookingAnswers++;
          if ("409".equals(call.answer())) {
            conflicts++;
            if (call.uncertain() && journalKeys.contains(call.hostId() + "\n" + call.idempotencyKey())) {
              wrongConflicts++;
            }
          }
        }
      }
      Map<String, Long> attempts = new TreeMap<>();
      Map<String, Long> requests = new TreeMap<>();
      long failedAttempts = 0;
      long failedRequests = 0;
      long withRetryAfter = 0;
      long withoutRetryAfter = 0;
      long serverErrors = 0;
      long connection = 0;
      long timeouts = 0;
      Instant lastFailure = null;
      for (FailedAttempt attempt : load.failures().attempts()) {
        if (!within(attempt.answeredAt(), from, to, inclusiveEnd)) {
          continue;
        }
        String kind = kindOf(attempt);
        failedAttempts++;
        attempts.merge(kind, 1L, Long::sum);
        if (attempt.last()) {
          failedRequests++;
          requests.merge(kind, 1L, Long::sum);
        }
        switch (attempt.kind()) {
          case UNAVAILABLE -> {
            if (attempt.retryAfter()) {
              withRetryAfter++;
            } else {
              withoutRetryAfter++;
            }
          }
          case SERVER_ERROR -> serverErrors++;
          case CONNECTION_REFUSED, CONNECT_TIMEOUT, IO_ERROR -> connection++;
          case TIMEOUT -> timeouts++;
          default -> { }
        }
        if (lastFailure == null || attempt.answeredAt().isAfter(lastFailure)) {
          lastFailure = attempt.answeredAt();
        }
      }
      return new ChaosReport.Period(from, to, Math.round(sent), Math.round(completed), bookingAnswers, conflicts,
          wrongConflicts,
          failedRequests, failedAttempts, withRetryAfter, withoutRetryAfter, serverErrors, connection, timeouts,
          attempts, requests, lastFailure);
    }
  }

  /** How much of the second from {@code start} lies in [from, to): 0 to 1. */
  static double overlap(Instant start, Instant from, Instant to) {
    Instant end = start.plusSeconds(1);
    Instant a = start.isAfter(from) ? start : from;
    Instant b = end.isBefore(to) ? end : to;
    return b.isAfter(a) ? Duration.between(a, b).toNanos() / 1e9 : 0;
  }

  static boolean within(Instant at, Instant from, Instant to, boolean inclusiveEnd) {
    return !at.isBefore(from) && (at.isBefore(to) || inclusiveEnd && at.equals(to));
  }

  private static ChaosReport.Recovery recovery(FaultRunner.FaultRun run, int probeHosts) {
    Optional<RecoveryProbe.Result> during = run.duringFault();
    Optional<RecoveryProbe.Result> after = run.afterHeal();
    Map<String, Long> answers = new TreeMap<>();
    Stream.of(during, after).flatMap(Optional::stream)
        .forEach(r -> r.answers().forEach((k, v) -> answers.merge(k, v, Long::sum)));
    return new ChaosReport.Recovery(
        during.flatMap(RecoveryProbe.Result::maxRecovery).map(ChaosAttribution::seconds).orElse(null),
        after.flatMap(RecoveryProbe.Result::maxRecovery).map(ChaosAttribution::seconds).orElse(null),
        probeHosts, during.map(ChaosAttribution::recovered).orElse(0), after.map(ChaosAttribution::recovered).orElse(0),
        during.map(RecoveryProbe.Result::summary).orElse(null), after.map(RecoveryProbe.Result::summary).orElse(null),
        answers, run.healStartedAt() == null ? null : during.flatMap(r -> r.takeoverBefore(run.healStartedAt()))
            .map(ChaosAttribution::seconds).orElse(null));
  }

  private static int recovered(RecoveryProbe.Result result) {
    return (int) result.hosts().stream().filter(h -> h.recoveredAfter().isPresent()).count();
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** Host and idempotency key of every booking in the journal, to the booking's id. */
  private static Map<String, String> journalKeys(Map<String, List<HistoryEvent>> history) {
    Map<String, String> keys = new HashMap<>();
    if (history != null) {
      history.values().forEach(events -> events.forEach(e -> {
        if (e instanceof HistoryEvent.Confirmed c && c.idempotencyKey() != null) {
          keys.put(c.hostId() + "\n" + c.idempotencyKey(), c.bookingId());
        }
      }));
    }
    return keys;
  }

  private record AuditAttribution(ChaosReport.Audit audit, Map<String, Integer> byWindow) {}

  /**
   * The two audits as one, and each violation put in the window of the client request behind it:
   * the latest booking request that made one of its bookings (acknowledged ones by id, others through
   * their idempotency key in the journal); for a lost cancellation, a wrong final time or an
   * inconsistent history, the latest request of any kind on them (cancellations and reschedules
   * included).
   */
  private static AuditAttribution attributeAudit(Session session, List<FaultRunner.FaultRun> runs,
      List<Instant> windowEnds) {
    if (session.history() == null || session.loadAudit() == null || session.probeAudit() == null) {
      return new AuditAttribution(ChaosReport.Audit.notRun(session.auditNote()), Map.of());
    }
    List<ClientLedger> ledgers = List.of(session.load().ledger(), session.probeLedger());
    Map<String, Instant> byKey = new HashMap<>();
    Map<String, Instant> byBooking = new HashMap<>();
    Map<String, Instant> byChange = new HashMap<>();
    for (ClientLedger ledger : ledgers) {
      for (ClientLedger.BookingCall call : ledger.bookings()) {
        latest(byKey, call.hostId() + "\n" + call.idempotencyKey(), call.answeredAt());
        if (call.bookingId() != null) {
          latest(byBooking, call.hostId() + "\n" + call.bookingId(), call.answeredAt());
        }
      }
      ledger.cancels().forEach(c -> latest(byChange, c.hostId() + "\n" + c.bookingId(), c.answeredAt()));
      ledger.reschedules().forEach(r -> latest(byChange, r.hostId() + "\n" + r.bookingId(), r.answeredAt()));
    }
    session.history().values().forEach(events -> events.forEach(e -> {
      if (e instanceof HistoryEvent.Confirmed c && c.idempotencyKey() != null) {
        latest(byBooking, c.hostId() + "\n" + c.bookingId(), byKey.get(c.hostId() + "\n" + c.idempotencyKey()));
      }
    }));

    List<Violation> violations = new ArrayList<>(session.loadAudit().violations());
    violations.addAll(session.probeAudit().violations());
    Map<String, Integer> byWindow = new LinkedHashMap<>();
    int unattributed = 0;
    for (Violation violation : violations) {
      boolean byLaterChanges = switch (violation.kind()) {
        case LOST_CANCELLATION, WRONG_FINAL_TIME, INCONSISTENT_HISTORY -> true;
        default -> false;
      };
      Instant at = null;
      for (String id : violation.bookingIds()) {
        String key = violation.hostId() + "\n" + id;
        for (Instant t : new Instant[] {byBooking.get(key), byLaterChanges ? byChange.get(key) : null}) {
          at = t != null && (at == null || t.isAfter(at)) ? t : at;
        }
      }
      String window = at == null ? null : windowOf(at, session.load().startedAt(), runs, windowEnds);
      if (window == null) {
        unattributed++;
      } else {
        byWindow.merge(window, 1, Integer::sum);
      }
    }
    ChaosReport.Audit audit = new ChaosReport.Audit(true,
        session.loadAudit().passed() && session.probeAudit().passed(), session.auditNote(),
        session.loadAudit().verdict(), session.probeAudit().verdict(), violations.size(), byWindow, unattributed,
        violations.stream().limit(VIOLATION_LINES).map(Violation::toString).toList());
    return new AuditAttribution(audit, byWindow);
  }

  /** "before the load" (the probe's first round), "lead-in", a fault's name, or null after the last window. */
  private static String windowOf(Instant at, Instant loadStart, List<FaultRunner.FaultRun> runs,
      List<Instant> windowEnds) {
    if (runs.isEmpty() || at.isBefore(runs.get(0).injectedAt())) {
      return at.isBefore(loadStart) ? BEFORE_LOAD : LEAD_IN;
    }
    for (int i = 0; i < runs.size(); i++) {
      boolean last = i == runs.size() - 1;
      if (within(at, runs.get(i).injectedAt(), windowEnds.get(i), last)) {
        return runs.get(i).fault();
      }
    }
    return null;
  }

  private static void latest(Map<String, Instant> times, String key, Instant at) {
    if (at != null) {
      times.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
    }
  }
}
