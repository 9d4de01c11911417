package dev.scheduler.node.notify.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** The SQL of the webhook tables, on a connection the caller owns (and commits). */
final class WebhookStore {
  private static final String SUBSCRIPTION_COLUMNS = "subscription_id, host_id, url, events, secret_sealed, state,"
      + " disabled_reason, disabled_since, failing_since, created_at";
  private static final String ACTIVE = "active";
  private static final String DISABLED = "disabled";

  private WebhookStore() {}

  // --- subscriptions

  static void insert(Connection connection, Subscription s) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_subscriptions ("
        + SUBSCRIPTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, s.id());
      insert.setString(2, s.hostId());
      insert.setString(3, s.url());
      insert.setString(4, s.events().stream().map(WebhookEventType::wireName).collect(Collectors.joining(",")));
      insert.setString(5, s.secretSealed());
      insert.setString(6, s.active() ? ACTIVE : DISABLED);
      insert.setString(7, s.disabledReason());
      insert.setObject(8, utc(s.disabledSince()));
      insert.setObject(9, utc(s.failingSince()));
      insert.setObject(10, utc(s.createdAt()));
      insert.executeUpdate();
    }
  }

  static List<Subscription> ofHost(Connection connection, String hostId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS
        + " FROM webhook_subscriptions WHERE host_id = ? ORDER BY created_at, subscription_id")) {
      select.setString(1, hostId);
      return subscriptions(select);
    }
  }

  static Optional<Subscription> byId(Connection connection, String id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS
        + " FROM webhook_subscriptions WHERE subscription_id = ?")) {
      select.setString(1, id);
      return subscriptions(select).stream().findFirst();
    }
  }

  static int countOfHost(Connection connection, String hostId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT COUNT(*) FROM webhook_subscriptions WHERE host_id = ?")) {
      select.setString(1, hostId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /** The streak of failures: null after a success, its first failure while failing. */
  static void setFailingSince(Connection connection, String id, Instant failingSince) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE webhook_subscriptions SET failing_since = ? WHERE subscription_id = ? AND state = ?")) {
      update.setObject(1, utc(failingSince));
      update.setString(2, id);
      update.setString(3, ACTIVE);
      update.executeUpdate();
    }
  }

  /** Disables an active subscription; true when it was active. */
  static boolean disable(Connection connection, String id, String reason, Instant now) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_subscriptions SET state = ?,"
        + " disabled_reason = ?, disabled_since = ? WHERE subscription_id = ? AND state = ?")) {
      update.setString(1, DISABLED);
      update.setString(2, reason);
      update.setObject(3, utc(now));
      update.setString(4, id);
      update.setString(5, ACTIVE);
      return update.executeUpdate() == 1;
    }
  }

  static void delete(Connection connection, String id) throws SQLException {
    try (PreparedStatement deliveries = connection.prepareStatement(
            "DELETE FROM webhook_deliveries WHERE subscription_id = ?");
        PreparedStatement subscription = connection.prepareStatement(
            "DELETE FROM webhook_subscriptions WHERE subscription_id = ?")) {
      deliveries.setString(1, id);
      deliveries.executeUpdate();
      subscription.setString(1, id);
      subscription.executeUpdate();
    }
  }

  /** The subscription's pending deliveries become final (failed or obsolete) with the reason; none is sent. */
  static int endPending(Connection connection, String id, String state, String reason, Instant now)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE notify_outbox SET state = ?,"
        + " last_error = ?, updated_at = ? WHERE channel = ? AND recipient = ? AND state = ?")) {
      update.setString(1, state);
      update.setString(2, reason);
      update.setObject(3, utc(now));
      update.setString(4, WebhookRows.CHANNEL);
      update.setString(5, id);
      update.setString(6, "pending");
      return update.executeUpdate();
    }
  }

  private static List<Subscription> subscriptions(PreparedStatement select) throws SQLException {
    List<Subscription> found = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        List<WebhookEventType> events = Arrays.stream(row.getString(4).split(","))
            .flatMap(name -> WebhookEventType.ofWireName(name).stream()).toList();
        found.add(new Subscription(row.getString(1), row.getString(2), row.getString(3), events, row.getString(5),
            ACTIVE.equals(row.getString(6)), row.getString(7), instant(row, 8), instant(row, 9), instant(row, 10)));
      }
    }
    return found;
  }

  // --- bookings as last told

  record BookingState(String json, long lastSequenceNr) {}

  static Optional<BookingState> booking(Connection connection, String hostId, String bookingId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT booking, last_sequence_nr FROM webhook_bookings WHERE host_id = ? AND booking_id = ?")) {
      select.setString(1, hostId);
      select.setString(2, bookingId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new BookingState(row.getString(1), row.getLong(2))) : Optional.empty();
      }
    }
  }

  static void saveBooking(Connection connection, String hostId, String bookingId, String json, long sequenceNr,
      boolean isNew) throws SQLException {
    String sql = isNew
        ? "INSERT INTO webhook_bookings (booking, last_sequence_nr, host_id, booking_id) VALUES (?, ?, ?, ?)"
        : "UPDATE webhook_bookings SET booking = ?, last_sequence_nr = ? WHERE host_id = ? AND booking_id = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, json);
      statement.setLong(2, sequenceNr);
      statement.setString(3, hostId);
      statement.setString(4, bookingId);
      statement.executeUpdate();
    }
  }

  // --- delivery attempts

  record Attempt(String subscriptionId, String eventId, String eventType, int attemptNo, Instant at, Integer status,
      String error, long latencyMs) {}

  /** Records an attempt and deletes those of the subscription older than the latest {@code kept}. */
  static void recordAttempt(Connection connection, Attempt attempt, int kept) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries (subscription_id,"
        + " event_id, event_type, attempt_no, attempted_at, status_code, error, latency_ms)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, attempt.subscriptionId());
      insert.setString(2, attempt.eventId());
      insert.setString(3, attempt.eventType());
      insert.setInt(4, attempt.attemptNo());
      insert.setObject(5, utc(attempt.at()));
      if (attempt.status() == null) {
        insert.setNull(6, Types.INTEGER);
      } else {
        insert.setInt(6, attempt.status());
      }
      insert.setString(7, attempt.error());
      insert.setLong(8, attempt.latencyMs());
      insert.executeUpdate();
    }
    OptionalLong oldestKept = oldestKept(connection, attempt.subscriptionId(), kept);
    if (oldestKept.isPresent()) {
      try (PreparedStatement prune = connection.prepareStatement(
          "DELETE FROM webhook_deliveries WHERE subscription_id = ? AND attempt_id < ?")) {
        prune.setString(1, attempt.subscriptionId());
        prune.setLong(2, oldestKept.getAsLong());
        prune.executeUpdate();
      }
    }
  }

  private static OptionalLong oldestKept(Connection connection, String subscriptionId, int kept) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT attempt_id FROM webhook_deliveries"
        + " WHERE subscription_id = ? ORDER BY attempt_id DESC LIMIT 1 OFFSET ?")) {
      select.setString(1, subscriptionId);
      select.setInt(2, kept - 1);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** The subscription's attempts kept, the latest first. */
  static List<Attempt> attempts(Connection connection, String subscriptionId) throws SQLException {
    List<Attempt> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT subscription_id, event_id, event_type,"
        + " attempt_no, attempted_at, status_code, error, latency_ms FROM webhook_deliveries"
        + " WHERE subscription_id = ? ORDER BY attempt_id DESC")) {
      select.setString(1, subscriptionId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          int status = row.getInt(6);
          Integer statusOrNull = row.wasNull() ? null : status;
          found.add(new Attempt(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), instant(row, 5),
              statusOrNull, row.getString(7), row.getLong(8)));
        }
      }
    }
    return found;
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
