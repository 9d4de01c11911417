package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.BookingSql.BookContext;
import dev.scheduler.harness.baseline.BookingSql.ChangeContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The database refuses the overlap itself: {@code EXCLUDE USING gist (host_id WITH =, blocked WITH &&)
 * WHERE (status = 'confirmed')}. No lock is taken and nothing is checked first; the write is one
 * autocommitted statement (booking and history row together), and an exclusion violation (23P01)
 * becomes the 409. An insert that meets an overlapping row of a transaction still in progress waits
 * for it; two inserts that each got their index entry in before checking would wait for each other,
 * which PostgreSQL breaks as a deadlock (40P01) after {@code deadlock_timeout}: the loser is counted
 * and run again, and then meets the winner's row.
 */
final class ExclusionStrategy implements WriteStrategy {
  private final BookingSql sql;
  private final Transactions transactions;
  private final BookingSteps steps;

  ExclusionStrategy(BookingSql sql, Transactions transactions, BaselineStats stats) {
    this.sql = sql;
    this.transactions = transactions;
    this.steps = new BookingSteps(sql, stats);
  }

  @Override
  public StoredBooking book(Connection c, NewBooking request) throws SQLException {
    return transactions.autocommit(c, () -> {
      BookContext context = steps.loadForBooking(c, request, false);
      StoredBooking booking = steps.draft(context, request);
      try {
        sql.insert(c, booking);
      } catch (SQLException e) {
        if (BookingSql.isExclusionViolation(e)) {
          throw steps.overlap(request.start());
        }
        throw e;
      }
      return booking;
    });
  }

  @Override
  public StoredBooking reschedule(Connection c, Change change, Instant newStart) throws SQLException {
    return transactions.autocommit(c, () -> {
      ChangeContext context = steps.loadForChange(c, change, false);
      Optional<StoredBooking> moved = steps.planMove(context, newStart, change.now());
      if (moved.isEmpty()) {
        return context.booking();
      }
      try {
        if (!sql.move(c, moved.get())) {
          throw BookingSteps.cancelledMeanwhile();
        }
      } catch (SQLException e) {
        if (BookingSql.isExclusionViolation(e)) {
          throw steps.overlap(newStart);
        }
        throw e;
      }
      return moved.get();
    });
  }
}
