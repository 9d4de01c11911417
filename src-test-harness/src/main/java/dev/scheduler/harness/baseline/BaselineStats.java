package dev.scheduler.harness.baseline;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one baseline server since it started; cheap enough for every request. */
public final class BaselineStats {
  private final Strategy strategy;
  private final LongAdder bookings = new LongAdder();
  private final LongAdder replays = new LongAdder();
  private final LongAdder conflicts = new LongAdder();
  private final LongAdder notOffered = new LongAdder();
  private final LongAdder rescheduled = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder serializationFailures = new LongAdder();
  private final LongAdder deadlocks = new LongAdder();
  private final LongAdder versionConflicts = new LongAdder();
  private final LongAdder gaveUp = new LongAdder();

  BaselineStats(Strategy strategy) {
    this.strategy = strategy;
  }

  /**
   * A consistent-enough copy of the counters.
   *
   * @param bookings new bookings confirmed (idempotent replays not counted)
   * @param replays requests answered with an earlier booking of the same Idempotency-Key
   * @param conflicts books and reschedules refused because the time overlapped a confirmed booking
   *     (the double-booking prevention at work)
   * @param notOffered books and reschedules refused by the schedule alone: off the grid, inside the
   *     notice, beyond the window
   * @param rescheduled reschedules answered 200 (one to the booking's own start included)
   * @param cancelled bookings cancelled (cancelling again not counted)
   * @param retries transactions run again, whatever the cause
   * @param serializationFailures SQLSTATE 40001 seen
   * @param deadlocks SQLSTATE 40P01 seen
   * @param versionConflicts OPTIMISTIC's {@code UPDATE ... WHERE version = ?} that matched no row
   * @param gaveUp requests answered 503 after the last allowed attempt
   */
  public record Snapshot(String strategy, long bookings, long replays, long conflicts, long notOffered,
      long rescheduled, long cancelled, long retries, long serializationFailures, long deadlocks,
      long versionConflicts, long gaveUp) {}

  public Snapshot snapshot() {
    return new Snapshot(strategy.cliName(), bookings.sum(), replays.sum(), conflicts.sum(), notOffered.sum(),
        rescheduled.sum(), cancelled.sum(), retries.sum(), serializationFailures.sum(), deadlocks.sum(),
        versionConflicts.sum(), gaveUp.sum());
  }

  void booked() {
    bookings.increment();
  }

  void replayed() {
    replays.increment();
  }

  void conflict() {
    conflicts.increment();
  }

  void notOffered() {
    notOffered.increment();
  }

  void rescheduled() {
    rescheduled.increment();
  }

  void cancelled() {
    cancelled.increment();
  }

  void retry() {
    retries.increment();
  }

  void serializationFailure() {
    serializationFailures.increment();
  }

  void deadlock() {
    deadlocks.increment();
  }

  void versionConflict() {
    versionConflicts.increment();
  }

  void gaveUp() {
    gaveUp.increment();
  }
}
