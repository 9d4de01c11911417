package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.BookingSql.BookContext;
import dev.scheduler.harness.baseline.BookingSql.ChangeContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The database refuses the overlap itself: {@code EXCLUDE USING gist (host_id WITH =, blocked WITH &&)
 * WHERE (status = 'confirmed')}. No lock is taken and the server checks nothing itself; a booking is
 * one autocommitted statement (booking and history row together), {@code INSERT ... ON CONFLICT ON
 * CONSTRAINT bookings_no_overlap DO NOTHING}, and no row inserted is the 409.
 *
 * <p>Why not a plain INSERT that lets the violation (23P01) be the 409: PostgreSQL puts a row's
 * entry in the constraint's index first and checks it second, and a check that meets an
 * overlapping row of a transaction still in progress waits for that transaction. Under a hot slot
 * almost every insert is doomed, yet each doomed row sits in the index until its statement fails;
 * the others' checks find it, wait for it, and two that find each other deadlock (40P01, noticed
 * only after {@code deadlock_timeout}, a second by default). With every connection busy, they all
 * ended up in one wait chain that moved a step per deadlock: about one answer a second ({@code
 * harness compare --scenario hotspot}). ON CONFLICT's speculative insertion checks before inserting
 * and takes a losing row back at once, so a refusal never waits for another refusal's transaction.
 *
 * <p>A move has no ON CONFLICT; it is an UPDATE whose 23P01 becomes the 409. Two moves racing into
 * the same time may still deadlock, which PostgreSQL breaks and {@link Transactions} counts and retries.
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
      if (!sql.insertIfFree(c, booking)) {
        throw steps.overlap(request.start());
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
