package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.BookingSql.BookContext;
import dev.scheduler.harness.baseline.BookingSql.ChangeContext;
import dev.scheduler.harness.baseline.Transactions.VersionConflict;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Optimistic concurrency at READ COMMITTED: read the host's version with the schedule, check for
 * overlap, write, then {@code UPDATE hosts SET version = version + 1 WHERE id = ? AND version = ?}.
 * No row updated means another booking or move of this host committed since the read (its check
 * could not see ours, nor ours its): roll back and run again. Cancelling frees time only, so it
 * leaves the version alone.
 */
final class OptimisticStrategy implements WriteStrategy {
  private final BookingSql sql;
  private final Transactions transactions;
  private final BookingSteps steps;

  OptimisticStrategy(BookingSql sql, Transactions transactions, BaselineStats stats) {
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
      if (!sql.bumpVersion(c, booking.hostId(), context.version())) {
        throw new VersionConflict();
      }
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
      if (!sql.bumpVersion(c, target.hostId(), context.version())) {
        throw new VersionConflict();
      }
      return target;
    });
  }
}
