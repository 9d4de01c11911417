package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.InviteeJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/**
 * The statements every strategy shares, for one strategy's schema. Each is a constant string run
 * through {@code prepareStatement}, so pgjdbc's per-connection cache turns it into a server-side
 * prepared statement after a few uses. A booking change and its history row are one statement (a
 * data-modifying CTE): one round trip, one transaction.
 */
final class BookingSql {
  static final String IDEMPOTENCY_CONSTRAINT = "bookings_idempotency_key";
  /** EXCLUSION's exclusion constraint over (host, blocked span) of confirmed bookings. */
  static final String NO_OVERLAP_CONSTRAINT = "bookings_no_overlap";
  static final String UNIQUE_VIOLATION = "23505";
  static final String EXCLUSION_VIOLATION = "23P01";

  private static final String BOOKING_COLUMNS = "b.id, b.host_id, b.event_type, b.start_at, b.end_at,"
      + " b.buffer_before_minutes, b.buffer_after_minutes, b.status, b.invitee_name, b.invitee_email,"
      + " b.invitee_time_zone, b.notes, b.cancel_reason, b.idempotency_key, b.request_hash, b.booking_token,"
      + " b.created_at";
  private static final int BOOKING_COLUMN_COUNT = 17;
  private static final String TYPE_COLUMNS = "e.slug, e.title, e.duration_minutes, e.slot_interval_minutes,"
      + " e.buffer_before_minutes, e.buffer_after_minutes, e.minimum_notice_minutes, e.booking_window_days";
  private static final String HISTORY_FROM_B = " INSERT INTO $s.booking_history (host_id, booking_id, kind,"
      + " idempotency_key, start_at, end_at, buffer_before_minutes, buffer_after_minutes)"
      + " SELECT host_id, id, '%s', idempotency_key, start_at, end_at, buffer_before_minutes,"
      + " buffer_after_minutes FROM b";
  private static final String RETURNING = " RETURNING host_id, id, idempotency_key, start_at, end_at,"
      + " buffer_before_minutes, buffer_after_minutes)";

  /** What booking needs: the host's schedule and version, and the event type (null if none). */
  record BookContext(WeeklySchedule schedule, long version, String hostTimeZone, EventTypeDef type) {}

  /** What changing a booking needs, besides the booking: who may, the schedule, the current event type. */
  record ChangeContext(String hostTokenHash, WeeklySchedule schedule, long version, StoredBooking booking,
      EventTypeDef type) {}

  /** A host's token hash and, if it exists, one of its bookings. */
  record HostAndBooking(String hostTokenHash, StoredBooking booking) {}

  /** A second booking with the same (host, Idempotency-Key) lost to the unique constraint. */
  static final class IdempotencyClash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IdempotencyClash() {
      super("the Idempotency-Key is taken", null, false, false);
    }
  }

  private final ScheduleCache schedules;
  private final String bookContext;
  private final String bookContextLocked;
  private final String changeContext;
  private final String changeContextLocked;
  private final String hostAndBooking;
  private final String byIdempotencyKey;
  private final String overlaps;
  private final String blockedSpans;
  private final String insert;
  private final String insertIfFree;
  private final String move;
  private final String cancel;
  private final String bumpVersion;

  BookingSql(Strategy strategy, ScheduleCache schedules) {
    this.schedules = schedules;
    String book = "SELECT h.schedule, h.version, h.time_zone, " + TYPE_COLUMNS + " FROM $s.hosts h"
        + " LEFT JOIN $s.event_types e ON e.host_id = h.id AND e.slug = ? WHERE h.id = ?";
    String change = "SELECT h.token_hash, h.schedule, h.version, " + BOOKING_COLUMNS + ", " + TYPE_COLUMNS
        + " FROM $s.hosts h JOIN $s.bookings b ON b.host_id = h.id AND b.id = ?"
        + " LEFT JOIN $s.event_types e ON e.host_id = b.host_id AND e.slug = b.event_type WHERE h.id = ?";
    String s = strategy.schema();
    this.bookContext = book.replace("$s", s);
    this.bookContextLocked = (book + " FOR UPDATE OF h").replace("$s", s);
    this.changeContext = change.replace("$s", s);
    this.changeContextLocked = (change + " FOR UPDATE OF h").replace("$s", s);
    this.hostAndBooking = ("SELECT h.token_hash, " + BOOKING_COLUMNS + " FROM $s.hosts h"
        + " LEFT JOIN $s.bookings b ON b.host_id = h.id AND b.id = ? WHERE h.id = ?").replace("$s", s);
    this.byIdempotencyKey = ("SELECT " + BOOKING_COLUMNS + " FROM $s.bookings b"
        + " WHERE b.host_id = ? AND b.idempotency_key = ?").replace("$s", s);
    this.overlaps = ("SELECT EXISTS (SELECT 1 FROM $s.bookings WHERE host_id = ? AND status = 'confirmed'"
        + " AND blocked && tstzrange(?, ?, '[)') AND id <> ?)").replace("$s", s);
    this.blockedSpans = ("SELECT lower(blocked), upper(blocked) FROM $s.bookings WHERE host_id = ?"
        + " AND status = 'confirmed' AND blocked && tstzrange(?, ?, '[)')").replace("$s", s);
    String insertRow = "WITH b AS (INSERT INTO $s.bookings (id, host_id, event_type, start_at, end_at,"
        + " buffer_before_minutes, buffer_after_minutes, blocked, status, invitee_name, invitee_email,"
        + " invitee_time_zone, notes, idempotency_key, request_hash, booking_token, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, tstzrange(?, ?, '[)'), 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?)";
    String history = RETURNING + String.format(HISTORY_FROM_B, "confirmed");
    this.insert = (insertRow + history).replace("$s", s);
    this.insertIfFree = (insertRow + " ON CONFLICT ON CONSTRAINT " + NO_OVERLAP_CONSTRAINT + " DO NOTHING"
        + history).replace("$s", s);
    this.move = ("WITH b AS (UPDATE $s.bookings SET start_at = ?, end_at = ?, blocked = tstzrange(?, ?, '[)')"
        + " WHERE host_id = ? AND id = ? AND status = 'confirmed'"
        + RETURNING + String.format(HISTORY_FROM_B, "rescheduled")).replace("$s", s);
    this.cancel = ("WITH b AS (UPDATE $s.bookings SET status = 'cancelled', cancel_reason = ?"
        + " WHERE host_id = ? AND id = ? AND status = 'confirmed'"
        + RETURNING + String.format(HISTORY_FROM_B, "cancelled")).replace("$s", s);
    this.bumpVersion = "UPDATE $s.hosts SET version = version + 1 WHERE id = ? AND version = ?".replace("$s", s);
  }

  /** Empty when the host does not exist. {@code lockHost} adds {@code FOR UPDATE OF h}. */
  Optional<BookContext> bookContext(Connection c, String hostId, String slug, boolean lockHost)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(lockHost ? bookContextLocked : bookContext)) {
      ps.setString(1, slug);
      ps.setString(2, hostId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new BookContext(schedules.parse(hostId, rs.getString(1)), rs.getLong(2),
            rs.getString(3), type(rs, 4)));
      }
    }
  }

  /** Empty when the host or the booking does not exist (then {@link #hostAndBooking} tells which). */
  Optional<ChangeContext> changeContext(Connection c, String hostId, String bookingId, boolean lockHost)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(lockHost ? changeContextLocked : changeContext)) {
      ps.setString(1, bookingId);
      ps.setString(2, hostId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new ChangeContext(rs.getString(1), schedules.parse(hostId, rs.getString(2)),
            rs.getLong(3), booking(rs, 4), type(rs, 4 + BOOKING_COLUMN_COUNT)));
      }
    }
  }

  /** Empty when the host does not exist; the booking is null when the host has no such booking. */
  Optional<HostAndBooking> hostAndBooking(Connection c, String hostId, String bookingId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(hostAndBooking)) {
      ps.setString(1, bookingId);
      ps.setString(2, hostId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new HostAndBooking(rs.getString(1), rs.getString(2) == null ? null : booking(rs, 2)));
      }
    }
  }

  Optional<StoredBooking> byIdempotencyKey(Connection c, String hostId, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(byIdempotencyKey)) {
      ps.setString(1, hostId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(booking(rs, 1)) : Optional.empty();
      }
    }
  }

  /** Whether a confirmed booking of the host other than {@code exceptId} blocks time overlapping {@code span}. */
  boolean overlapsConfirmed(Connection c, String hostId, Span span, String exceptId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(overlaps)) {
      ps.setString(1, hostId);
      ps.setObject(2, utc(span.start()));
      ps.setObject(3, utc(span.end()));
      ps.setString(4, exceptId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The blocked spans of the host's confirmed bookings that overlap {@code window}. */
  List<Span> blockedSpans(Connection c, String hostId, Span window) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(blockedSpans)) {
      ps.setString(1, hostId);
      ps.setObject(2, utc(window.start()));
      ps.setObject(3, utc(window.end()));
      try (ResultSet rs = ps.executeQuery()) {
        List<Span> spans = new ArrayList<>();
        while (rs.next()) {
          spans.add(new Span(instant(rs, 1), instant(rs, 2)));
        }
        return spans;
      }
    }
  }

  /**
   * Inserts a confirmed booking and its history row. A taken Idempotency-Key throws
   * {@link IdempotencyClash}; an exclusion violation (23P01) comes out as the SQLException it is.
   */
  void insert(Connection c, StoredBooking b) throws SQLException {
    insert(c, insert, b);
  }

  /**
   * EXCLUSION's write: inserts a confirmed booking and its history row unless the exclusion
   * constraint finds a confirmed booking blocking overlapping time; false then, with nothing
   * written. This is PostgreSQL's speculative insertion ({@code ON CONFLICT ON CONSTRAINT ... DO
   * NOTHING}): the constraint is checked before the row goes in and again after, and a row that
   * loses is taken back at once instead of staying in the index until its transaction ends, so
   * concurrent refusals never wait for one another. A taken Idempotency-Key throws
   * {@link IdempotencyClash}, as {@link #insert} does.
   */
  boolean insertIfFree(Connection c, StoredBooking b) throws SQLException {
    return insert(c, insertIfFree, b) == 1;
  }

  /** The rows {@code statement} (an insert of a booking and its history row) inserted into the history. */
  private static int insert(Connection c, String statement, StoredBooking b) throws SQLException {
    Span blocked = b.blocked();
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      ps.setString(1, b.id());
      ps.setString(2, b.hostId());
      ps.setString(3, b.eventType());
      ps.setObject(4, utc(b.start()));
      ps.setObject(5, utc(b.end()));
      ps.setInt(6, b.bufferBeforeMinutes());
      ps.setInt(7, b.bufferAfterMinutes());
      ps.setObject(8, utc(blocked.start()));
      ps.setObject(9, utc(blocked.end()));
      ps.setString(10, b.invitee().name());
      ps.setString(11, b.invitee().email());
      ps.setString(12, b.invitee().timeZone());
      ps.setString(13, b.notes());
      ps.setString(14, b.idempotencyKey());
      ps.setString(15, b.requestHash());
      ps.setString(16, b.bookingToken());
      ps.setObject(17, utc(b.createdAt()));
      return ps.executeUpdate();
    } catch (SQLException e) {
      if (isIdempotencyClash(e)) {
        throw new IdempotencyClash();
      }
      throw e;
    }
  }

  /** Moves a confirmed booking and records it; false when it is no longer confirmed. */
  boolean move(Connection c, StoredBooking moved) throws SQLException {
    Span blocked = moved.blocked();
    try (PreparedStatement ps = c.prepareStatement(move)) {
      ps.setObject(1, utc(moved.start()));
      ps.setObject(2, utc(moved.end()));
      ps.setObject(3, utc(blocked.start()));
      ps.setObject(4, utc(blocked.end()));
      ps.setString(5, moved.hostId());
      ps.setString(6, moved.id());
      return ps.executeUpdate() == 1;
    }
  }

  /** Cancels a confirmed booking and records it; false when it was not confirmed (any more). */
  boolean cancel(Connection c, String hostId, String bookingId, String reason) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(cancel)) {
      ps.setString(1, reason);
      ps.setString(2, hostId);
      ps.setString(3, bookingId);
      return ps.executeUpdate() == 1;
    }
  }

  /** OPTIMISTIC's write check: false when someone else's change moved the version first. */
  boolean bumpVersion(Connection c, String hostId, long version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(bumpVersion)) {
      ps.setString(1, hostId);
      ps.setLong(2, version);
      return ps.executeUpdate() == 1;
    }
  }

  static boolean isExclusionViolation(SQLException e) {
    return EXCLUSION_VIOLATION.equals(e.getSQLState());
  }

  private static boolean isIdempotencyClash(SQLException e) {
    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
      return false;
    }
    return !(e instanceof PSQLException p) || p.getServerErrorMessage() == null
        || IDEMPOTENCY_CONSTRAINT.equals(p.getServerErrorMessage().getConstraint());
  }

  private static EventTypeDef type(ResultSet rs, int first) throws SQLException {
    String slug = rs.getString(first);
    if (slug == null) {
      return null;
    }
    return new EventTypeDef(slug, rs.getString(first + 1), rs.getInt(first + 2), rs.getInt(first + 3),
        rs.getInt(first + 4), rs.getInt(first + 5), rs.getInt(first + 6), rs.getInt(first + 7));
  }

  private static StoredBooking booking(ResultSet rs, int first) throws SQLException {
    int i = first;
    return new StoredBooking(rs.getString(i), rs.getString(i + 1), rs.getString(i + 2), instant(rs, i + 3),
        instant(rs, i + 4), rs.getInt(i + 5), rs.getInt(i + 6), "confirmed".equals(rs.getString(i + 7)),
        new InviteeJson(rs.getString(i + 8), rs.getString(i + 9), rs.getString(i + 10)), rs.getString(i + 11),
        rs.getString(i + 12), rs.getString(i + 13), rs.getString(i + 14), rs.getString(i + 15),
        instant(rs, i + 16));
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
