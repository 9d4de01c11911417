package dev.scheduler.node.notify.outbox;

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

/** The SQL of {@code notify_outbox}, on a connection the caller owns (and commits). */
public final class OutboxStore {
  private static final String COLUMNS = "message_id, channel, host_id, booking_id, event_seq_nr, audience,"
      + " recipient, kind, payload, due_at, expires_at, attempts, state, last_error, created_at";
  private static final String EXISTS = "SELECT 1 FROM notify_outbox WHERE message_id = ?";
  private static final String INSERT = "INSERT INTO notify_outbox (" + COLUMNS + ", updated_at)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String DUE = "SELECT " + COLUMNS + " FROM notify_outbox WHERE channel = ? AND state = ?"
      + " AND due_at <= ? ORDER BY due_at, event_seq_nr, message_id LIMIT ?";
  // A row waits while an earlier event of its booking to the same recipient is still pending.
  private static final String DUE_IN_ORDER = "SELECT " + COLUMNS + " FROM notify_outbox o WHERE channel = ?"
      + " AND state = ? AND due_at <= ? AND NOT EXISTS (SELECT 1 FROM notify_outbox e"
      + " WHERE e.host_id = o.host_id AND e.booking_id = o.booking_id AND e.channel = o.channel"
      + " AND e.recipient = o.recipient AND e.state = ? AND e.event_seq_nr < o.event_seq_nr)"
      + " ORDER BY due_at, event_seq_nr, message_id LIMIT ?";
  private static final String LATEST_OF_BOOKING = "SELECT " + COLUMNS + " FROM notify_outbox"
      + " WHERE channel = ? AND host_id = ? AND booking_id = ? ORDER BY event_seq_nr DESC, message_id LIMIT 1";
  private static final String OF_BOOKING = "SELECT " + COLUMNS + " FROM notify_outbox"
      + " WHERE host_id = ? AND booking_id = ? ORDER BY event_seq_nr, message_id";
  private static final String OBSOLETE = "UPDATE notify_outbox SET state = ?, last_error = ?, updated_at = ?"
      + " WHERE channel = ? AND host_id = ? AND booking_id = ? AND kind = ? AND state = ?";
  private static final String EXPIRE = "UPDATE notify_outbox SET state = ?, last_error = ?, updated_at = ?"
      + " WHERE message_id = ? AND state = ?";
  private static final String RECORD = "UPDATE notify_outbox SET state = ?, attempts = ?, due_at = ?,"
      + " last_error = ?, updated_at = ? WHERE message_id = ? AND state = ?";

  private OutboxStore() {}

  /** Inserts the message unless one with its id exists; true when it was new. */
  public static boolean insertIfAbsent(Connection connection, OutboxMessage message, Instant now)
      throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
      exists.setString(1, message.messageId());
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, message.messageId());
      insert.setString(2, message.channel());
      insert.setString(3, message.hostId());
      insert.setString(4, message.bookingId());
      insert.setLong(5, message.eventSeqNr());
      insert.setString(6, message.audience());
      insert.setString(7, message.recipient());
      insert.setString(8, message.kind());
      insert.setString(9, message.payload());
      insert.setObject(10, utc(message.dueAt()));
      insert.setObject(11, message.expiresAt() == null ? null : utc(message.expiresAt()));
      insert.setInt(12, message.attempts());
      insert.setString(13, message.state().column());
      insert.setString(14, message.lastError());
      insert.setObject(15, utc(message.createdAt()));
      insert.setObject(16, utc(now));
      insert.executeUpdate();
      return true;
    }
  }

  /** Pending messages of the channel due by {@code now}, the earliest first. */
  public static List<OutboxMessage> due(Connection connection, String channel, Instant now, int limit)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(DUE)) {
      select.setString(1, channel);
      select.setString(2, OutboxState.PENDING.column());
      select.setObject(3, utc(now));
      select.setInt(4, limit);
      return read(select);
    }
  }

  /**
   * As {@link #due}, but leaving out each message that has an earlier event of the same booking to
   * the same recipient still pending: per recipient, a booking's messages go in journal order.
   */
  public static List<OutboxMessage> dueInBookingOrder(Connection connection, String channel, Instant now, int limit)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(DUE_IN_ORDER)) {
      select.setString(1, channel);
      select.setString(2, OutboxState.PENDING.column());
      select.setObject(3, utc(now));
      select.setString(4, OutboxState.PENDING.column());
      select.setInt(5, limit);
      return read(select);
    }
  }

  /** The newest message of a booking on a channel (its payload is the booking as last told). */
  public static Optional<OutboxMessage> latestOfBooking(Connection connection, String channel, String hostId,
      String bookingId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(LATEST_OF_BOOKING)) {
      select.setString(1, channel);
      select.setString(2, hostId);
      select.setString(3, bookingId);
      return read(select).stream().findFirst();
    }
  }

  /** Every message of a booking, in the order of the events that made them. */
  public static List<OutboxMessage> ofBooking(Connection connection, String hostId, String bookingId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(OF_BOOKING)) {
      select.setString(1, hostId);
      select.setString(2, bookingId);
      return read(select);
    }
  }

  /**
   * Makes the booking's pending messages of one kind obsolete (reminders of a booking cancelled or
   * moved); they are never sent. Answers how many there were.
   */
  public static int obsoletePending(Connection connection, String channel, String hostId, String bookingId,
      String kind, String why, Instant now) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(OBSOLETE)) {
      update.setString(1, OutboxState.OBSOLETE.column());
      update.setString(2, why);
      update.setObject(3, utc(now));
      update.setString(4, channel);
      update.setString(5, hostId);
      update.setString(6, bookingId);
      update.setString(7, kind);
      update.setString(8, OutboxState.PENDING.column());
      return update.executeUpdate();
    }
  }

  /** A pending message that was not tried before it expired becomes obsolete, its attempts unchanged. */
  public static boolean expire(Connection connection, OutboxMessage message, String why, Instant now)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(EXPIRE)) {
      update.setString(1, OutboxState.OBSOLETE.column());
      update.setString(2, why);
      update.setObject(3, utc(now));
      update.setString(4, message.messageId());
      update.setString(5, OutboxState.PENDING.column());
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Records an attempt's result on a pending message; false when it was no longer pending (made
   * obsolete meanwhile), so nothing is overwritten.
   */
  public static boolean record(Connection connection, OutboxMessage message, OutboxState state, Instant dueAt,
      String lastError, Instant now) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(RECORD)) {
      update.setString(1, state.column());
      update.setInt(2, message.attempts() + 1);
      update.setObject(3, utc(dueAt));
      update.setString(4, lastError);
      update.setObject(5, utc(now));
      update.setString(6, message.messageId());
      update.setString(7, OutboxState.PENDING.column());
      return update.executeUpdate() == 1;
    }
  }

  private static List<OutboxMessage> read(PreparedStatement select) throws SQLException {
    List<OutboxMessage> messages = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        messages.add(new OutboxMessage(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
            row.getLong(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
            instant(row, 10), optionalInstant(row, 11), row.getInt(12), OutboxState.ofColumn(row.getString(13)),
            row.getString(14), instant(row, 15)));
      }
    }
    return messages;
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Instant optionalInstant(ResultSet row, int column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
