package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.BookingRequest;
import dev.scheduler.harness.baseline.ApiShapes.BookingResponse;
import dev.scheduler.harness.baseline.ApiShapes.CancelRequest;
import dev.scheduler.harness.baseline.ApiShapes.InviteeJson;
import dev.scheduler.harness.baseline.ApiShapes.RescheduleRequest;
import dev.scheduler.harness.baseline.BookingSql.IdempotencyClash;
import dev.scheduler.harness.baseline.WriteStrategy.Change;
import dev.scheduler.harness.baseline.WriteStrategy.NewBooking;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Booking endpoints over one strategy: request checks, idempotent replays, reads and cancels.
 * Idempotency rests on the unique (host, key) constraint: a retry's insert loses to the first
 * booking (or, when that booking holds the slot, is refused as an overlap), and only then is the
 * earlier booking looked up, so first-time bookings pay nothing for it.
 */
final class BookingService {
  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final ConnectionPool pool;
  private final WriteStrategy strategy;
  private final BookingSql sql;
  private final BookingSteps steps;
  private final Transactions transactions;
  private final BaselineStats stats;
  private final CallerTokens credentials;
  private final Clock clock;

  BookingService(ConnectionPool pool, WriteStrategy strategy, BookingSql sql, Transactions transactions,
      BaselineStats stats, CallerTokens credentials, Clock clock) {
    this.pool = pool;
    this.strategy = strategy;
    this.sql = sql;
    this.steps = new BookingSteps(sql, stats);
    this.transactions = transactions;
    this.stats = stats;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** {@code POST /api/v1/hosts/{hostId}/bookings}: 201 with the booking token, also for a replay. */
  BookingResponse book(String hostId, String body, String idempotencyKey) throws SQLException {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
      throw HttpRefusal.invalid("An Idempotency-Key has 1 to " + MAX_IDEMPOTENCY_KEY + " characters.");
    }
    BookingRequest json = JsonIo.read(body, BookingRequest.class);
    String eventType = Requests.text("eventType", json.eventType());
    Instant start = Requests.instant("start", json.start());
    InviteeJson invitee = Requests.invitee(json.invitee());
    String notes = Requests.optionalText("notes", json.notes());
    String requestHash = IdsAndTokens.sha256Hex(String.join("\n", eventType, start.toString(), invitee.name(),
        invitee.email(), invitee.timeZone(), notes == null ? "" : notes));
    String bookingId = IdsAndTokens.newId();
    NewBooking request = new NewBooking(hostId, bookingId, eventType, start, invitee, notes,
        idempotencyKey, requestHash, credentials.bookingToken(hostId, bookingId), clock.instant());
    return pool.withConnection(c -> {
      try {
        StoredBooking booking = strategy.book(c, request);
        stats.booked();
        return booking.toJson(true);
      } catch (IdempotencyClash e) {
        return replay(c, request).orElseThrow(() -> HttpRefusal.unavailable(
            "The Idempotency-Key is taken but its booking cannot be read yet. Retry."));
      } catch (HttpRefusal e) {
        if (idempotencyKey == null || e.status() != 409) {
          throw e;
        }
        return replay(c, request).orElseThrow(() -> e);
      }
    });
  }

  /** The earlier booking of this request's Idempotency-Key, if any; 422 when it was another request. */
  private Optional<BookingResponse> replay(Connection c, NewBooking request) throws SQLException {
    Optional<StoredBooking> earlier = sql.byIdempotencyKey(c, request.hostId(), request.idempotencyKey());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get().requestHash().equals(request.requestHash())) {
      throw HttpRefusal.idempotencyConflict();
    }
    stats.replayed();
    return Optional.of(earlier.get().toJson(true));
  }

  /** {@code GET .../bookings/{bookingId}}: the host or the booking's invitee. */
  BookingResponse get(String hostId, String bookingId, String token) throws SQLException {
    CallerAccess access = credentials.accessTo(hostId, token);
    return pool.withConnection(c -> steps.readable(c, hostId, bookingId, access).toJson(false));
  }

  /** {@code POST .../cancel}; cancelling again answers the cancelled booking. */
  BookingResponse cancel(String hostId, String bookingId, String token, String body) throws SQLException {
    CallerAccess access = credentials.accessTo(hostId, token);
    CancelRequest json = JsonIo.readOrDefault(body, CancelRequest.class, new CancelRequest(null));
    String reason = Requests.optionalText("reason", json.reason());
    Change change = new Change(hostId, bookingId, access, clock.instant());
    return pool.withConnection(c ->
        transactions.inTransaction(c, () -> steps.cancel(c, change, reason)).toJson(false));
  }

  /** {@code POST .../reschedule}: moved, or 409 when the new time is not offered or not free. */
  BookingResponse reschedule(String hostId, String bookingId, String token, String body) throws SQLException {
    CallerAccess access = credentials.accessTo(hostId, token);
    RescheduleRequest json = JsonIo.read(body, RescheduleRequest.class);
    Instant start = Requests.instant("start", json.start());
    Change change = new Change(hostId, bookingId, access, clock.instant());
    return pool.withConnection(c -> {
      StoredBooking moved = strategy.reschedule(c, change, start);
      stats.rescheduled();
      return moved.toJson(false);
    });
  }
}
