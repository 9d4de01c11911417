package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.BookingSql.BookContext;
import dev.scheduler.harness.baseline.BookingSql.ChangeContext;
import dev.scheduler.harness.baseline.BookingSql.HostAndBooking;
import dev.scheduler.harness.baseline.WriteStrategy.Change;
import dev.scheduler.harness.baseline.WriteStrategy.NewBooking;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The parts of booking, rescheduling and cancelling that do not depend on the strategy. */
final class BookingSteps {
  private final BookingSql sql;
  private final BaselineStats stats;

  BookingSteps(BookingSql sql, BaselineStats stats) {
    this.sql = sql;
    this.stats = stats;
  }

  /** The host's schedule, version and event type; 404 when either is missing. */
  BookContext loadForBooking(Connection c, NewBooking request, boolean lockHost) throws SQLException {
    BookContext context = sql.bookContext(c, request.hostId(), request.eventType(), lockHost)
        .orElseThrow(BookingSteps::noSuchHost);
    if (context.type() == null) {
      throw HttpRefusal.notFound("This host has no event type '" + request.eventType() + "'.");
    }
    return context;
  }

  /** The row to insert, once its start is known to be on the offered grid (bookings aside). */
  StoredBooking draft(BookContext context, NewBooking r) {
    EventTypeDef type = context.type();
    requireOnGrid(context.schedule(), type, r.start(), r.now());
    return new StoredBooking(r.bookingId(), r.hostId(), type.slug(), r.start(), r.start().plus(type.duration()),
        type.bufferBeforeMinutes(), type.bufferAfterMinutes(), true, r.invitee(), r.notes(), null,
        r.idempotencyKey(), r.requestHash(), r.bookingToken(), r.now());
  }

  /** The booking with its host and event type, once the caller is known to be allowed; 404, 401 or 403 else. */
  ChangeContext loadForChange(Connection c, Change change, boolean lockHost) throws SQLException {
    Optional<ChangeContext> context = sql.changeContext(c, change.hostId(), change.bookingId(), lockHost);
    if (context.isEmpty()) {
      // Explain why: no host (404), a caller who may not ask (401, 403), or no such booking (404).
      readable(c, change.hostId(), change.bookingId(), change.access());
      throw HttpRefusal.notFound("This host has no booking '" + change.bookingId() + "'.");
    }
    change.access().requireHostOrBooking(context.get().hostTokenHash(), change.bookingId());
    return context.get();
  }

  /**
   * The booking as its host or its invitee may read it, checked in the node's order: 404 for no
   * host, then 401 or 403 for a caller who may not ({@link CallerAccess}), then 404 for no booking.
   */
  StoredBooking readable(Connection c, String hostId, String bookingId, CallerAccess access) throws SQLException {
    HostAndBooking found = sql.hostAndBooking(c, hostId, bookingId).orElseThrow(BookingSteps::noSuchHost);
    access.requireHostOrBooking(found.hostTokenHash(), bookingId);
    if (found.booking() == null) {
      throw HttpRefusal.notFound("This host has no booking '" + bookingId + "'.");
    }
    return found.booking();
  }

  /**
   * Where the booking would move; empty when it is there already. Refuses a cancelled booking, a
   * vanished event type, or a start off the offered grid. Overlap is the strategy's to check.
   */
  Optional<StoredBooking> planMove(ChangeContext context, Instant newStart, Instant now) {
    StoredBooking booking = context.booking();
    if (!booking.confirmed()) {
      throw HttpRefusal.conflict("A cancelled booking cannot be rescheduled.");
    }
    if (booking.start().equals(newStart)) {
      return Optional.empty();
    }
    if (context.type() == null) {
      throw HttpRefusal.conflict("The booking's event type no longer exists.");
    }
    requireOnGrid(context.schedule(), context.type(), newStart, now);
    return Optional.of(booking.movedTo(newStart, newStart.plus(context.type().duration())));
  }

  /** The refusal for time taken by another confirmed booking, counted as a conflict. */
  HttpRefusal overlap(Instant start) {
    stats.conflict();
    return HttpRefusal.slotUnavailable("The slot at " + start + " is not available.");
  }

  /** The node's answer for a host that does not exist. */
  static HttpRefusal noSuchHost() {
    return HttpRefusal.notFound("No such host.");
  }

  /** A move whose booking was cancelled between the read and the write. */
  static HttpRefusal cancelledMeanwhile() {
    return HttpRefusal.conflict("A cancelled booking cannot be rescheduled.");
  }

  /** Cancels (again is not an error: the cancelled booking is the answer). Same for every strategy. */
  StoredBooking cancel(Connection c, Change change, String reason) throws SQLException {
    ChangeContext context = loadForChange(c, change, false);
    StoredBooking booking = context.booking();
    if (booking.confirmed() && sql.cancel(c, change.hostId(), change.bookingId(), reason)) {
      stats.cancelled();
      return booking.cancelled(reason);
    }
    // Cancelled before, or by someone else between the read and the update.
    return booking.confirmed() ? readable(c, change.hostId(), change.bookingId(), change.access()) : booking;
  }

  private void requireOnGrid(WeeklySchedule schedule, EventTypeDef type, Instant start, Instant now) {
    try {
      SlotRules.requireOnOfferedGrid(schedule, type, start, now);
    } catch (HttpRefusal e) {
      if (e.status() == 409) {
        stats.notOffered();
      }
      throw e;
    }
  }
}
