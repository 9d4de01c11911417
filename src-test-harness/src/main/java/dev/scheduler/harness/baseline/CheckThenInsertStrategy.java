package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.BookingSql.BookContext;
import dev.scheduler.harness.baseline.BookingSql.ChangeContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Check for an overlapping confirmed booking, then insert, in one transaction. Two strategies share
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
 * </ul>
 */
final class CheckThenInsertStrategy implements WriteStrategy {
  private final BookingSql sql;
  private final Transactions transactions;
  private final BookingSteps steps;
  private final boolean lockHost;

  private CheckThenInsertStrategy(BookingSql sql, Transactions transactions, BaselineStats stats, boolean lockHost) {
    this.sql = sql;
    this.transactions = transactions;
    this.steps = new BookingSteps(sql, stats);
    this.lockHost = lockHost;
  }

  static CheckThenInsertStrategy forUpdate(BookingSql sql, Transactions transactions, BaselineStats stats) {
    return new CheckThenInsertStrategy(sql, transactions, stats, true);
  }

  static CheckThenInsertStrategy serializable(BookingSql sql, Transactions transactions, BaselineStats stats) {
    return new CheckThenInsertStrategy(sql, transactions, stats, false);
  }

  @Override
  public StoredBooking book(Connection c, NewBooking request) throws SQLException {
    return transactions.inTransaction(c, () -> {
      BookContext context = steps.loadForBooking(c, request, lockHost);
      StoredBooking booking = steps.draft(context, request);
      if (sql.overlapsConfirmed(c, booking.hostId(), booking.blocked(), booking.id())) {
        throw steps.overlap(request.start());
      }
      sql.insert(c, booking);
      return booking;
    });
  }

  @Override
  public StoredBooking reschedule(Connection c, Change change, Instant newStart) throws SQLException {
    return transactions.inTransaction(c, () -> {
      ChangeContext context = steps.loadForChange(c, change, lockHost);
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
      return target;
    });
  }
}
