package dev.scheduler.node.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** What the read side wrote, read straight from the node's database (H2 file or PostgreSQL). */
record ReadSideTables(String url, String user, String password) {

  /** One row of read_side_bookings. */
  record Row(String hostId, String bookingId, String eventType, Instant start, Instant end, String inviteeName,
      String inviteeEmail, String inviteeZone, String status, String cancelReason, int revision) {}

  /** All of the tables at one moment. */
  record Snapshot(Map<String, Row> bookings, long eventsHandled, long taggedEvents, int storedOffsets) {
    boolean caughtUp() {
      return eventsHandled == taggedEvents;
    }

    @Override
    public String toString() {
      long cancelled = bookings.values().stream().filter(b -> b.status().equals("CANCELLED")).count();
      long moved = bookings.values().stream().filter(b -> b.revision() > 0 && b.status().equals("CONFIRMED")).count();
      return bookings.size() + " rows (" + cancelled + " cancelled, " + moved + " moved), " + eventsHandled
          + " of " + taggedEvents + " tagged events applied, " + storedOffsets + " offsets stored";
    }
  }

  Snapshot read() {
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      return new Snapshot(bookings(connection),
          count(connection, "SELECT COALESCE(SUM(events_handled), 0) FROM read_side_progress WHERE projection_name = ?",
              BookingsReadModel.PROJECTION),
          count(connection, "SELECT COUNT(*) FROM event_tag WHERE tag LIKE ?", HostCalendarTags.PREFIX + "%"),
          (int) count(connection, "SELECT COUNT(*) FROM pekko_projection_offset_store WHERE projection_name = ?",
              BookingsReadModel.PROJECTION));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls until the tables satisfy the condition, or fails with the last thing seen. */
  Snapshot await(Predicate<Snapshot> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Snapshot last = read();
    while (!condition.test(last) && System.nanoTime() < deadline) {
      sleep();
      last = read();
    }
    assertThat(condition.test(last)).as("%s within %s; last seen: %s", what, timeout, last).isTrue();
    return last;
  }

  private static Map<String, Row> bookings(Connection connection) throws SQLException {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT host_id, booking_id, event_type, start_at,"
        + " end_at, invitee_name, invitee_email, invitee_zone, status, cancel_reason, revision"
        + " FROM read_side_bookings ORDER BY booking_id");
        ResultSet result = select.executeQuery()) {
      while (result.next()) {
        Row row = new Row(result.getString(1), result.getString(2), result.getString(3),
            result.getObject(4, OffsetDateTime.class).toInstant(), result.getObject(5, OffsetDateTime.class).toInstant(),
            result.getString(6), result.getString(7), result.getString(8), result.getString(9), result.getString(10),
            result.getInt(11));
        rows.put(row.bookingId(), row);
      }
    }
    return rows;
  }

  private static long count(Connection connection, String sql, String parameter) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, parameter);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
