package dev.scheduler.node.connection;

import dev.scheduler.node.domain.CalendarWriteBack.Action;
import dev.scheduler.node.domain.CalendarWriteBack.Payload;
import dev.scheduler.node.domain.CalendarWriteBack.Row;
import dev.scheduler.protocol.admin.HostWriteBacks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The SQL of {@code calendar_writeback_outbox} (and the one question the writer asks of the
 * journal's own tables), on a connection the caller owns.
 */
final class WriteBackStore {
  private static final String COLUMNS = "connection_id, host_id, sequence_nr, booking_id, action, intent_version,"
      + " summary, description, start_at, end_at, invitee_email";
  private static final String EXISTS = "SELECT 1 FROM calendar_writeback_outbox"
      + " WHERE connection_id = ? AND host_id = ? AND sequence_nr = ?";
  private static final String INSERT = "INSERT INTO calendar_writeback_outbox (" + COLUMNS + ", created_at)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String AFTER = "SELECT " + COLUMNS + " FROM calendar_writeback_outbox"
      + " WHERE connection_id = ? AND host_id = ? AND sequence_nr > ? ORDER BY sequence_nr LIMIT ?";
  private static final String PRUNE = "DELETE FROM calendar_writeback_outbox"
      + " WHERE connection_id = ? AND host_id = ? AND sequence_nr <= ?";
  private static final String QUEUE_SIZE = "SELECT COUNT(*), MIN(created_at) FROM calendar_writeback_outbox"
      + " WHERE connection_id = ? AND host_id = ?";
  private static final String QUEUE_ROWS = "SELECT sequence_nr, booking_id, action, created_at"
      + " FROM calendar_writeback_outbox WHERE connection_id = ? AND host_id = ? ORDER BY sequence_nr LIMIT ?";
  // Events of the host after the offset (and before the bound) that carry no tag: written before
  // tagging, so the read side never saw them. The journal's primary key and event_tag's serve it.
  private static final String LAST_UNTAGGED = "SELECT MAX(j.sequence_number) FROM event_journal j"
      + " WHERE j.persistence_id = ? AND j.sequence_number > ? AND j.sequence_number < ?"
      + " AND NOT EXISTS (SELECT 1 FROM event_tag t WHERE t.event_id = j.ordering)";

  private WriteBackStore() {}

  /** Inserts the row unless it exists (a replay of its event); true when it was new. */
  static boolean insertIfAbsent(Connection connection, Row row, Instant now) throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
      exists.setString(1, row.connectionId());
      exists.setString(2, row.hostId());
      exists.setLong(3, row.sequenceNr());
      try (ResultSet found = exists.executeQuery()) {
        if (found.next()) {
          return false;
        }
      }
    }
    Payload p = row.payload();
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, row.connectionId());
      insert.setString(2, row.hostId());
      insert.setLong(3, row.sequenceNr());
      insert.setString(4, row.bookingId());
      insert.setString(5, row.action().name());
      insert.setLong(6, row.intentVersion());
      insert.setString(7, p == null ? null : p.summary());
      insert.setString(8, p == null ? null : p.description());
      insert.setObject(9, p == null ? null : utc(p.start()));
      insert.setObject(10, p == null ? null : utc(p.end()));
      insert.setString(11, p == null ? null : p.inviteeEmail());
      insert.setObject(12, utc(now));
      insert.executeUpdate();
      return true;
    }
  }

  /** The connection's rows after {@code after}, in journal order, at most {@code limit}. */
  static List<Row> after(Connection connection, String connectionId, String hostId, long after, int limit)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(AFTER)) {
      select.setString(1, connectionId);
      select.setString(2, hostId);
      select.setLong(3, after);
      select.setInt(4, limit);
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          Action action = Action.valueOf(r.getString(5));
          Payload payload = action != Action.UPSERT ? null : new Payload(r.getString(7), r.getString(8),
              instant(r, 9), instant(r, 10), r.getString(11));
          rows.add(new Row(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), action, r.getLong(6),
              payload));
        }
      }
      return rows;
    }
  }

  /** Forgets the connection's rows up to an offset its entity has persisted; how many went. */
  static int prune(Connection connection, String connectionId, String hostId, long upTo) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(PRUNE)) {
      delete.setString(1, connectionId);
      delete.setString(2, hostId);
      delete.setLong(3, upTo);
      return delete.executeUpdate();
    }
  }

  /** How many rows the connection still owes the host, since when, and the oldest {@code limit} of them. */
  static HostWriteBacks.ConnectionQueue queue(Connection connection, String connectionId, String hostId, int limit)
      throws SQLException {
    long pending;
    Instant oldest;
    try (PreparedStatement size = connection.prepareStatement(QUEUE_SIZE)) {
      size.setString(1, connectionId);
      size.setString(2, hostId);
      try (ResultSet r = size.executeQuery()) {
        r.next();
        pending = r.getLong(1);
        oldest = instant(r, 2);
      }
    }
    List<HostWriteBacks.PendingWrite> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(QUEUE_ROWS)) {
      select.setString(1, connectionId);
      select.setString(2, hostId);
      select.setInt(3, limit);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          rows.add(new HostWriteBacks.PendingWrite(r.getLong(1), r.getString(2), r.getString(3), instant(r, 4)));
        }
      }
    }
    return new HostWriteBacks.ConnectionQueue(connectionId, pending, oldest, rows);
  }

  /** The highest sequence number in (after, before) of the persistence id whose event has no tag. */
  static OptionalLong lastUntagged(Connection connection, String persistenceId, long after, long before)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(LAST_UNTAGGED)) {
      select.setString(1, persistenceId);
      select.setLong(2, after);
      select.setLong(3, before);
      try (ResultSet r = select.executeQuery()) {
        if (r.next()) {
          long max = r.getLong(1);
          if (!r.wasNull()) {
            return OptionalLong.of(max);
          }
        }
        return OptionalLong.empty();
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
