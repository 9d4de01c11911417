package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.GoogleTestNode;
import dev.scheduler.node.testkit.GoogleTestNode.Connection;
import dev.scheduler.node.testkit.UtcDay;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade path of the write-back: a booking whose write was still pending when the node
 * stopped, in a journal whose events carry no tag (as before tagging: the read side never saw them,
 * so no outbox row stands for it), is written after the restart from the journal itself; the host's
 * next booking is tagged and comes through the outbox.
 */
class WriteBackUpgradeTest {
  private static final String PRIMARY_EVENTS = "/calendar/v3/calendars/primary/events";

  @TempDir Path dataDir;

  @Test
  void aWritePendingInAnUntaggedEventIsReadFromTheJournalAfterTheRestart() throws Exception {
    UtcDay day = UtcDay.inDays(7);
    GoogleTestNode.Builder nodes = GoogleTestNode.builder()
        .push(false)
        .pollInterval(Duration.ofHours(1))
        .retry(Duration.ofMillis(100), Duration.ofMillis(500));
    FakeGoogleCalendar google = new FakeGoogleCalendar().start();
    try {
      google.addUser("upgrade@example.com", ZoneOffset.UTC);
      ApiFixture host;
      String pending;
      DatabaseSettings database;
      try (GoogleTestNode before = nodes.start(dataDir, google)) {
        database = before.node().settings().database();
        Connection connected = before.connectAndSync(before.publishedHost(), "upgrade@example.com");
        host = connected.host();
        google.faults().on("POST", PRIMARY_EVENTS).times(1_000_000).respond(503);
        pending = before.book(host, day.at(9)).json().get("id").asText();
        before.await(() -> !google.requests().withStatus(503).isEmpty(), "the write was never tried%s", () -> "");
        assertThat(before.booking(host, pending).at("/calendarWrite/status").asText()).isEqualTo("pending");
      }
      assertThat(outboxRows(database, host.hostId(), pending)).as("the read side had written its row").isEqualTo(1);

      // The journal as a release before tagging left it: no tags on the host's events, no outbox rows.
      String persistenceId = PersistenceId.of(HostCalendarEntityKey.ENTITY_KEY.name(), host.hostId()).id();
      int untagged = update(database, "DELETE FROM event_tag WHERE event_id IN"
          + " (SELECT ordering FROM event_journal WHERE persistence_id = ?)", persistenceId);
      assertThat(untagged).isPositive();
      update(database, "DELETE FROM calendar_writeback_outbox WHERE host_id = ?", host.hostId());
      google.faults().clear();

      try (GoogleTestNode after = nodes.start(dataDir, google)) {
        after.awaitWriteStatus(host, pending, "written");
        // The next write is held a moment, so that its outbox row can be seen before the writer,
        // having handled it, deletes it.
        google.faults().on("POST", PRIMARY_EVENTS).times(1).delay(Duration.ofSeconds(3));
        String later = after.book(host, day.at(11)).json().get("id").asText();
        after.await(() -> rows(database, host.hostId(), later) == 1, "the read side never wrote the row%s", () -> "");
        after.awaitWriteStatus(host, later, "written");

        assertThat(google.events("upgrade@example.com")).as("both bookings landed, once each").hasSize(2);
        assertThat(outboxRows(database, host.hostId(), pending)).as("written from the journal").isZero();
        after.await(() -> rows(database, host.hostId(), later) == 0, "the written row stayed in the outbox%s", () -> "");
      }
    } finally {
      google.close();
    }
  }

  private static int rows(DatabaseSettings database, String hostId, String bookingId) {
    try {
      return outboxRows(database, hostId, bookingId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int outboxRows(DatabaseSettings database, String hostId, String bookingId) throws SQLException {
    try (var connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        PreparedStatement select = connection.prepareStatement(
            "SELECT COUNT(*) FROM calendar_writeback_outbox WHERE host_id = ? AND booking_id = ?")) {
      select.setString(1, hostId);
      select.setString(2, bookingId);
      try (ResultSet count = select.executeQuery()) {
        count.next();
        return count.getInt(1);
      }
    }
  }

  private static int update(DatabaseSettings database, String sql, String parameter) throws SQLException {
    try (var connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, parameter);
      return update.executeUpdate();
    }
  }
}
