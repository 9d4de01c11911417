package dev.scheduler.node.notify.delivery;

import dev.scheduler.node.notify.mail.Party;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Reminder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The small read models mail needs beside the booking events: each host's name, address and zone
 * ({@code notify_hosts}, from HostCreated) and each event type's title ({@code notify_event_types},
 * from EventTypeSaved, with its reminders). Kept by the same exactly-once handler as the outbox rows, so a booking
 * event always finds its host's row written before it.
 */
final class NotifyDirectory {
  private static final String UPDATE_HOST = "UPDATE notify_hosts SET name = ?, email = ?, time_zone = ?"
      + " WHERE host_id = ?";
  private static final String INSERT_HOST = "INSERT INTO notify_hosts (name, email, time_zone, host_id)"
      + " VALUES (?, ?, ?, ?)";
  private static final String HOST = "SELECT name, email, time_zone FROM notify_hosts WHERE host_id = ?";
  private static final String UPDATE_TYPE = "UPDATE notify_event_types SET title = ?, reminders = ?"
      + " WHERE host_id = ? AND slug = ?";
  private static final String INSERT_TYPE = "INSERT INTO notify_event_types (title, reminders, host_id, slug)"
      + " VALUES (?, ?, ?, ?)";
  private static final String TYPE = "SELECT title, reminders FROM notify_event_types WHERE host_id = ? AND slug = ?";

  /** What mail needs of an event type. */
  record TypeInfo(String title, List<Reminder> reminders) {}

  private NotifyDirectory() {}

  static void saveHost(Connection connection, String hostId, HostProfile host) throws SQLException {
    upsert(connection, UPDATE_HOST, INSERT_HOST, host.name(), host.email(), host.timeZone().getId(), hostId);
  }

  static void saveEventType(Connection connection, String hostId, EventType type) throws SQLException {
    upsert(connection, UPDATE_TYPE, INSERT_TYPE, type.title(), encode(type.reminders()), hostId, type.slug());
  }

  static Optional<Party> host(Connection connection, String hostId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(HOST)) {
      select.setString(1, hostId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(new Party(row.getString(1), row.getString(2), ZoneId.of(row.getString(3))))
            : Optional.empty();
      }
    }
  }

  static Optional<TypeInfo> eventType(Connection connection, String hostId, String slug) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(TYPE)) {
      select.setString(1, hostId);
      select.setString(2, slug);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new TypeInfo(row.getString(1), decode(row.getString(2)))) : Optional.empty();
      }
    }
  }

  // "1440:BOTH,60:INVITEE": small, and readable by an operator looking at the table.
  static String encode(List<Reminder> reminders) {
    return reminders.stream().map(r -> r.beforeMinutes() + ":" + r.to().name()).collect(Collectors.joining(","));
  }

  static List<Reminder> decode(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(part -> part.split(":"))
        .map(part -> new Reminder(Integer.parseInt(part[0]), Reminder.To.valueOf(part[1]))).toList();
  }

  // Update, else insert: portable across H2 and PostgreSQL, and safe because one projection
  // instance (one transaction at a time) writes a host's rows.
  private static void upsert(Connection connection, String update, String insert, String... values)
      throws SQLException {
    if (execute(connection, update, values) == 0) {
      execute(connection, insert, values);
    }
  }

  private static int execute(Connection connection, String sql, String... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }
}
