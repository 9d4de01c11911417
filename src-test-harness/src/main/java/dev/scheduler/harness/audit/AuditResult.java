package dev.scheduler.harness.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor's verdict on one run. Indeterminate requests are counted (by operation: book,
 * cancel, reschedule), never treated as violations.
 *
 * @param hostsAudited the run's hosts
 * @param eventsRead booking events read from the system's history for those hosts
 * @param bookingsInHistory bookings the history confirmed at some point
 * @param confirmedAtEnd bookings still confirmed after the last event
 */
public record AuditResult(int hostsAudited, long eventsRead, long bookingsInHistory, long confirmedAtEnd,
    long acknowledgedBookings, long acknowledgedCancels, long acknowledgedReschedules,
    Map<String, Long> indeterminate, List<Violation> violations) {

  public AuditResult {
    indeterminate = Collections.unmodifiableMap(new LinkedHashMap<>(indeterminate));
    violations = List.copyOf(violations);
  }

  public boolean passed() {
    return violations.isEmpty();
  }

  public long indeterminateTotal() {
    return indeterminate.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for logs and progress output. */
  public String verdict() {
    return (passed() ? "PASS" : "FAIL: " + violations.size() + " violation(s)")
        + String.format(" (%d hosts, %d events, %d bookings acknowledged, %d indeterminate requests)",
            hostsAudited, eventsRead, acknowledgedBookings, indeterminateTotal());
  }
}
