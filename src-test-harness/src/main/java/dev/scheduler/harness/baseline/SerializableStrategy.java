package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.BookingSql.BookContext;
import dev.scheduler.harness.baseline.BookingSql.ChangeContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Check then insert with no explicit lock, in a SERIALIZABLE transaction (the pool's connections
 * run at SERIALIZABLE): PostgreSQL's SSI notices two transactions that each read the other's gap,
 * fails one with 40001, and {@link Transactions} runs it again (counted, bounded, then 503).
 */
final class SerializableStrategy implements WriteStrategy {
  private final BookingSql sql;
  private final Transactions transactions;
  private final BookingSteps steps;

  SerializableStrategy(BookingSql sql, Transactions transactions, BaselineStats stats) {
    this.sql = sql;
    this.transactions = transactions;
    this.steps = new BookingSteps(sql, stats);
  }

  @Override
  public StoredBooking book(Connection c, NewBooking request) throws SQLException {
    return transactions.inTransaction(c, () -> {
      BookContext context = steps.loadForBooking(c, request, false);
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
      ChangeContext context = steps.loadForChange(c, change, false);
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
