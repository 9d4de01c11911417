package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.BookingSql.BookContext;
import dev.scheduler.harness.baseline.BookingSql.ChangeContext;
import dev.scheduler.harness.baseline.Transactions.VersionConflict;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Check for an overlapping confirmed booking, then write, in one transaction. Three strategies share
 * it and differ only in what makes the check safe:
 * <ul>
 *   <li>{@link #forUpdate}: the transaction first locks the host row ({@code SELECT ... FOR UPDATE},
 *       which also reads the schedule and event type), at READ COMMITTED. Writers of one host queue
 *       on that lock; writers of different hosts never meet.</li>
 *   <li>{@link #serializable}: no explicit lock; the pool's connections run at SERIALIZABLE, so
 *       PostgreSQL's SSI notices two transactions that each read the other's gap, fails one with
 *       40001, and {@link Transactions} runs it again (counted, bounded, then 503). Its schema's
 *       overlap index is a btree, not GiST: SSI misses conflicts through GiST
 *       ({@link BaselineSchema#overlapIndex}).</li>
 *   <li>{@link #optimistic}: at READ COMMITTED, the host's version is read with the schedule, and
 *       after the write {@code UPDATE hosts SET version = version + 1 WHERE id = ? AND version = ?}.
 *       No row updated means another booking or move of this host committed since the read (its
 *       check could not see ours, nor ours its): roll back and run again. Cancelling frees time
 *       only, so it leaves the version alone.</li>
 * </ul>
 */
final class CheckThenInsertStrategy implements WriteStrategy {
  private enum Guard { LOCK_HOST, SERIALIZABLE, HOST_VERSION }

  private final BookingSql sql;
  private final Transactions transactions;
  private final BookingSteps steps;
  private final Guard guard;

  private CheckThenInsertStrategy(BookingSql sql, Transactions transactions, BaselineStats stats, Guard guard) {
    this.sql = sql;
    this.transactions = transactions;
    this.steps = new BookingSteps(sql, stats);
    this.guard = guard;
  }

  static CheckThenInsertStrategy forUpdate(BookingSql sql, Transactions transactions, BaselineStats stats) {
    return new CheckThenInsertStrategy(sql, transactions, stats, Guard.LOCK_HOST);
  }

  static CheckThenInsertStrategy serializable(BookingSql sql, Transactions transactions, BaselineStats stats) {
    return new CheckThenInsertStrategy(sql, transactions, stats, Guard.SERIALIZABLE);
  }

  static CheckThenInsertStrategy optimistic(BookingSql sql, Transactions transactions, BaselineStats stats) {
    return new CheckThenInsertStrategy(sql, transactions, stats, Guard.HOST_VERSION);
  }

  @Override
  public StoredBooking book(Connection c, NewBooking request) throws SQLException {
    return transactions.inTransaction(c, () -> {
      BookContext context = steps.loadForBooking(c, request, guard == Guard.LOCK_HOST);
      StoredBooking booking = steps.draft(context, request);
      if (sql.overlapsConfirmed(c, booking.hostId(), booking.blocked(), booking.id())) {
        throw steps.overlap(request.start());
      }
      sql.insert(c, booking);
      bumpVersionIfOptimistic(c, booking.hostId(), context.version());
      return booking;
    });
  }

  @Override
  public StoredBooking reschedule(Connection c, Change change, Instant newStart) throws SQLException {
    return transactions.inTransaction(c, () -> {
      ChangeContext context = steps.loadForChange(c, change, guard == Guard.LOCK_HOST);
      Optional<StoredBooking> moved = steps.planMove(context, newStart, change.now());
      if (moved.isEmpty()) {
        return context.booking();
      }
      StoredBooking target = moved.get();
      if (sql.overlapsConfirmed(c, target.hostId(), target.blocked(), target.id())) {
        throw steps.overlap(newStart);
      }
      if (!sql.move(c, target)) {
        throw BookingSteps.cancelledMeanwhile();
      }
      bumpVersionIfOptimistic(c, target.hostId(), context.version());
      return target;
    });
  }

  private void bumpVersionIfOptimistic(Connection c, String hostId, long readVersion) throws SQLException {
    if (guard == Guard.HOST_VERSION && !sql.bumpVersion(c, hostId, readVersion)) {
      throw new VersionConflict();
    }
  }
}
