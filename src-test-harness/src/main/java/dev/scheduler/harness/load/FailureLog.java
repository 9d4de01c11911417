package dev.scheduler.harness.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@link FailedAttempt} of a run, in the order they came, up to a limit (a system that fails
 * everything for minutes at a high rate must not exhaust the client's memory); beyond it they are
 * only counted. A healthy run records next to nothing: 2xx and 409 answers are not kept here (the
 * per-second series and the client ledger count them). Thread-safe.
 */
public final class FailureLog {
  /** About 100 MB of attempts at most. */
  public static final int DEFAULT_LIMIT = 1_000_000;

  private final int limit;
  private final List<FailedAttempt> kept = new ArrayList<>();
  private long dropped;

  public FailureLog() {
    this(DEFAULT_LIMIT);
  }

  public FailureLog(int limit) {
    this.limit = limit;
  }

  public synchronized void record(FailedAttempt attempt) {
    if (kept.size() < limit) {
      kept.add(attempt);
    } else {
      dropped++;
    }
  }

  public synchronized List<FailedAttempt> attempts() {
    return List.copyOf(kept);
  }

  /** Failed attempts beyond the limit: counted, not kept. */
  public synchronized long dropped() {
    return dropped;
  }
}
