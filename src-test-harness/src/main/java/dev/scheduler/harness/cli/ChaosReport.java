package dev.scheduler.harness.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code harness chaos} found, as written to {@code chaos.json}; {@code chaos.md} and
 * {@code chaos.png} are drawn from it. Times are wall-clock instants (UTC).
 *
 * <p>The load runs through the whole session. Its time is cut into periods: the lead-in before
 * the first fault (the quiet baseline), then for each fault its window from the injection to the
 * next fault's injection (or the end of the load), split at the heal into "during the fault" and
 * "after the heal" (the heal, the return of the node, and the quiet settle time). A failed attempt
 * falls in the period in which its outcome came; a booking answer likewise; a second of the load's
 * per-second series in the period holding its middle.
 *
 * @param settings what the command was asked to do (scenario, rate, hosts, victim, hold, settle, ...)
 * @param skipped faults not run, each with the reason
 * @param notes anything else the reader must know (a failure log that hit its limit, ...)
 * @param wrongAnswerDetails the first wrong answers, one line each: when, which request, which node,
 *     and for a wrong 409 the request's earlier attempts and the booking its key made
 */
public record ChaosReport(int version, String title, Instant createdAt, Map<String, String> settings,
    List<String> nodes, Instant loadStartedAt, Instant loadEndedAt, Audit audit, Period leadIn,
    List<FaultReport> faults, List<String> skipped, List<String> notes, List<String> wrongAnswerDetails) {

  public static final int VERSION = 1;

  public ChaosReport {
    settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    faults = faults == null ? List.of() : List.copyOf(faults);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
    notes = notes == null ? List.of() : List.copyOf(notes);
    wrongAnswerDetails = wrongAnswerDetails == null ? List.of() : List.copyOf(wrongAnswerDetails);
  }

  /** Whether the cluster passed: audited clean and never answered wrongly. */
  @JsonProperty("passed")
  public boolean passed() {
    return audit.ran() && audit.passed() && wrongAnswers() == 0;
  }

  /** 5xx other than 503, and 409s to a request whose own earlier attempt had booked, over the whole load. */
  @JsonProperty("wrongAnswers")
  public long wrongAnswers() {
    return leadIn.wrongAnswers() + faults.stream()
        .mapToLong(f -> f.duringFault().wrongAnswers() + f.afterHeal().wrongAnswers()).sum();
  }

  /** A fault that could not be injected, or whose cluster did not come back. */
  public boolean faultFailed() {
    return faults.stream().anyMatch(f -> f.error() != null);
  }

  /**
   * The audit of the load's hosts and of the recovery probe's hosts (the probe books for real, on
   * hosts of its own), read from one journal. {@code violationsByWindow} puts each violation in the
   * window of the latest client request that involved its bookings; {@code unattributed} counts
   * those no request explains (a booking nobody asked for).
   *
   * @param load the verdict line on the load's hosts
   * @param probe the verdict line on the probe's hosts
   */
  public record Audit(boolean ran, boolean passed, String note, String load, String probe, int violations,
      Map<String, Integer> violationsByWindow, int unattributed, List<String> violationLines) {

    public Audit {
      violationsByWindow = violationsByWindow == null ? Map.of()
          : Collections.unmodifiableMap(new LinkedHashMap<>(violationsByWindow));
      violationLines = violationLines == null ? List.of() : List.copyOf(violationLines);
    }

    public static Audit notRun(String note) {
      return new Audit(false, false, note, null, null, 0, Map.of(), 0, List.of());
    }
  }

  /**
   * The load in one span of time.
   *
   * @param requestsSent requests the load sent (per-second series; a second across the span's edge
   *     counts in proportion)
   * @param requestsCompleted requests whose final outcome came (likewise)
   * @param bookingAnswers booking requests whose final outcome came (client ledger)
   * @param booking409 of those, answered 409 (the slot is taken: normal in this load)
   * @param wrong409 of those 409s, answered to a request whose own earlier attempt had booked the
   *     slot (its idempotency key is in the journal): a wrong answer
   * @param failedRequests requests whose final outcome was a failure (after the client's retries)
   * @param failedAttempts attempts that failed, retried ones included
   * @param unavailableWithRetryAfter failed attempts answered 503 with {@code Retry-After}: the
   *     right answer while a shard moves
   * @param unavailableWithoutRetryAfter 503 without it
   * @param serverErrors 500 and every other 5xx but 503: wrong answers
   * @param connectionFailures refused, connect timeouts and broken connections
   * @param timeouts attempts that got no answer in time
   * @param attemptsByKind failed attempts by kind: "503 with Retry-After", "503 without Retry-After",
   *     a status ("500", "404"), or "timeout", "refused", "connect-timeout", "io-error", "client-overload"
   * @param requestsByKind failed requests by the kind of their final attempt
   * @param lastFailureAt the latest failed attempt in the span, or null
   */
  public record Period(Instant from, Instant to, long requestsSent, long requestsCompleted, long bookingAnswers,
      long booking409, long wrong409, long failedRequests, long failedAttempts, long unavailableWithRetryAfter,
      long unavailableWithoutRetryAfter, long serverErrors, long connectionFailures, long timeouts,
      Map<String, Long> attemptsByKind, Map<String, Long> requestsByKind, Instant lastFailureAt) {

    public Period {
      attemptsByKind = attemptsByKind == null ? Map.of()
          : Collections.unmodifiableMap(new LinkedHashMap<>(attemptsByKind));
      requestsByKind = requestsByKind == null ? Map.of()
          : Collections.unmodifiableMap(new LinkedHashMap<>(requestsByKind));
    }

    @JsonProperty("wrongAnswers")
    public long wrongAnswers() {
      return serverErrors + wrong409;
    }

    /** 409s per booking answer, 0 without any. */
    @JsonProperty("booking409Share")
    public double booking409Share() {
      return bookingAnswers == 0 ? 0 : (double) booking409 / bookingAnswers;
    }
  }

  /**
   * How long until every probe host booked again, from the recovery probe of {@code FaultRunner}:
   * watched from the injection (booking every half second until the heal and one success after),
   * then measured from the heal. Null seconds: some host never booked again within the probe's
   * timeout ({@code recoveredDuring}/{@code recoveredAfterHeal} of {@code probeHosts} did).
   * {@code takeoverSeconds}: from the injection until every probe host books again while the fault
   * still holds (the survivors took over); null when some host could not book before the repair.
   */
  public record Recovery(Double fromInjectionSeconds, Double fromHealSeconds, int probeHosts, int recoveredDuring,
      int recoveredAfterHeal, String during, String afterHeal, Map<String, Long> probeAnswers,
      Double takeoverSeconds) {

    public Recovery {
      probeAnswers = probeAnswers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(probeAnswers));
    }
  }

  /**
   * One fault. {@code healStartedAt} is when the hold ended and the repair began; {@code healedAt}
   * when the cluster was whole again (every node ready, three members Up). {@code window} covers
   * both {@code duringFault} [injectedAt, healedAt) and {@code afterHeal} [healedAt, windowEnd).
   *
   * @param error why the fault could not be injected or healed; null when it ran
   * @param violations audit violations attributed to this window
   */
  public record FaultReport(String fault, Instant injectedAt, Instant healStartedAt, Instant healedAt,
      Instant windowEnd, String healNotes, String error, Period duringFault, Period afterHeal, Period window,
      Recovery recovery, int violations) {}
}
