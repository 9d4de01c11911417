package dev.scheduler.harness.report;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Violation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit of one system's run; {@code ran} is false when it was not audited ({@code note} says
 * why). At most {@link #MAX_LISTED} violations are kept; {@code violationCount} counts them all.
 */
public record AuditReport(boolean ran, boolean passed, String note, int hostsAudited, long eventsRead,
    long bookingsInHistory, long confirmedAtEnd, long acknowledgedBookings, long acknowledgedCancels,
    long acknowledgedReschedules, Map<String, Long> indeterminate, int violationCount, List<Violation> violations) {

  public static final int MAX_LISTED = 1000;

  public AuditReport {
    indeterminate = indeterminate == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(indeterminate));
    violations = violations == null ? List.of() : List.copyOf(violations);
  }

  public static AuditReport of(AuditResult result) {
    List<Violation> listed = result.violations().subList(0, Math.min(MAX_LISTED, result.violations().size()));
    return new AuditReport(true, result.passed(), null, result.hostsAudited(), result.eventsRead(),
        result.bookingsInHistory(), result.confirmedAtEnd(), result.acknowledgedBookings(),
        result.acknowledgedCancels(), result.acknowledgedReschedules(), result.indeterminate(),
        result.violations().size(), listed);
  }

  public static AuditReport notRun(String note) {
    return new AuditReport(false, false, note == null ? "not audited" : note, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0,
        List.of());
  }

  public String verdict() {
    if (!ran) {
      return "not audited (" + note + ")";
    }
    long indeterminateTotal = indeterminate.values().stream().mapToLong(Long::longValue).sum();
    return (passed ? "PASS" : "FAIL, " + violationCount + " violation(s)")
        + String.format(": %d hosts, %d booking events, %d bookings acknowledged (%d still confirmed at the end),"
            + " %d cancellations and %d reschedules acknowledged, %d indeterminate requests", hostsAudited, eventsRead,
            acknowledgedBookings, confirmedAtEnd, acknowledgedCancels, acknowledgedReschedules, indeterminateTotal);
  }
}
