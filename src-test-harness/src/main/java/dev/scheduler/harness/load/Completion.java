package dev.scheduler.harness.load;

import dev.scheduler.harness.audit.ClientLedger;

/**
 * How a request finally ended, for its workload: the last attempt's kind and status (0 without an
 * answer), the outcome as the auditor sees it, and for an acknowledged booking the booking made.
 */
record Completion(OutcomeKind kind, int status, ClientLedger.Outcome outcome, BookingHandle booked) {}
