package dev.scheduler.harness.load;

import java.time.Instant;

/**
 * One attempt of a load request that ended neither in a 2xx nor in a 409, with when and where: what
 * a fault analysis needs to put failures in time windows and to tell a 503 that carried
 * {@code Retry-After} from one that did not.
 *
 * @param seq the request's sequence number in the run (as in the client ledger)
 * @param attempt 1 for the first try; 0 for a request that was never sent (client overload)
 * @param node index into the run's nodes; -1 when the request was never sent
 * @param status the HTTP status, 0 when no answer came
 * @param retryAfter the answer carried a {@code Retry-After} header
 * @param sentAt when this attempt went out (for a request never sent, when it was due)
 * @param answeredAt when its outcome was known (the answer, the timeout, the broken connection)
 * @param last no retry followed: this was the request's final outcome
 */
public record FailedAttempt(long seq, Operation operation, String hostId, int attempt, int node, OutcomeKind kind,
    int status, boolean retryAfter, Instant sentAt, Instant answeredAt, boolean last) {}
