package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.domain.CalendarWriteBack.Action;
import dev.scheduler.node.domain.CalendarWriteBack.Payload;
import dev.scheduler.node.domain.CalendarWriteBack.Row;
import dev.scheduler.node.persistence.SchemaInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-back outbox's SQL on both databases, on a database made before the outbox existed
 * (the node adds the table at start): a replayed row is written once, a connection reads its own
 * rows in journal order, rows at or below a persisted offset are pruned, and the journal's untagged
 * events after an offset are found.
 */
class WriteBackStoreTest {
  private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");
  private static final Payload PAYLOAD = new Payload("intro with Ada", "Booked by Ada <ada@example.com>",
      Instant.parse("2027-03-02T10:00:00Z"), Instant.parse("2027-03-02T11:00:00Z"), "ada@example.com");

  @TempDir Path dataDir;

  @Test
  void onH2() throws Exception {
    exercise(new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", ""),
        "h2-create-schema.sql");
  }

  @Test
  void onPostgres() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    exercise(new DatabaseSettings(DatabaseSettings.Kind.POSTGRES, server.createDatabase("writeback"), server.user(),
        server.password()), "postgres-create-schema.sql");
  }

  private static void exercise(DatabaseSettings db, String ddlFile) throws Exception {
    olderSchema(db, ddlFile);
    SchemaInitializer.ensureSchema(db);
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      Row confirmed = new Row("conn-1", "host-1", 5, "b1", Action.UPSERT, 1, PAYLOAD);
      Row moved = new Row("conn-1", "host-1", 7, "b1", Action.MOVE, 2, null);
      Row cancelled = new Row("conn-1", "host-1", 9, "b1", Action.DELETE, 3, null);
      assertThat(WriteBackStore.insertIfAbsent(c, confirmed, NOW)).isTrue();
      assertThat(WriteBackStore.insertIfAbsent(c, cancelled, NOW)).isTrue();
      assertThat(WriteBackStore.insertIfAbsent(c, moved, NOW)).isTrue();
      assertThat(WriteBackStore.insertIfAbsent(c, confirmed, NOW)).as("a replay adds nothing").isFalse();
      assertThat(WriteBackStore.insertIfAbsent(c, new Row("conn-2", "host-1", 5, "b1", Action.UPSERT, 1, PAYLOAD),
          NOW)).isTrue();

      assertThat(WriteBackStore.after(c, "conn-1", "host-1", 0, 100)).containsExactly(confirmed, moved, cancelled);
      assertThat(WriteBackStore.after(c, "conn-1", "host-1", 5, 1)).containsExactly(moved);
      assertThat(WriteBackStore.prune(c, "conn-1", "host-1", 7)).isEqualTo(2);
      assertThat(WriteBackStore.after(c, "conn-1", "host-1", 0, 100)).containsExactly(cancelled);
      assertThat(WriteBackStore.after(c, "conn-2", "host-1", 0, 100)).hasSize(1);

      // host-2's events 1 and 2 were written before tagging, 3 and 4 after.
      for (int seq = 1; seq <= 4; seq++) {
        journalEvent(c, "HostCalendar|host-2", seq, seq > 2);
      }
      assertThat(WriteBackStore.lastUntagged(c, "HostCalendar|host-2", 0, Long.MAX_VALUE)).hasValue(2);
      assertThat(WriteBackStore.lastUntagged(c, "HostCalendar|host-2", 0, 2)).hasValue(1);
      assertThat(WriteBackStore.lastUntagged(c, "HostCalendar|host-2", 2, Long.MAX_VALUE)).isEqualTo(OptionalLong.empty());
      assertThat(WriteBackStore.lastUntagged(c, "HostCalendar|host-3", 0, Long.MAX_VALUE)).isEmpty();
    }
  }

  private static void journalEvent(Connection c, String persistenceId, long seq, boolean tagged) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO event_journal (persistence_id, sequence_number,"
        + " writer, write_timestamp, adapter_manifest, event_payload, event_ser_id, event_ser_manifest)"
        + " VALUES (?, ?, 'w', 0, '', ?, 1, 'm')")) {
      insert.setString(1, persistenceId);
      insert.setLong(2, seq);
      insert.setBytes(3, new byte[] {1});
      insert.executeUpdate();
    }
    if (!tagged) {
      return;
    }
    try (PreparedStatement tag = c.prepareStatement("INSERT INTO event_tag (event_id, tag) SELECT ordering,"
        + " 'host-calendar-0' FROM event_journal WHERE persistence_id = ? AND sequence_number = ?")) {
      tag.setString(1, persistenceId);
      tag.setLong(2, seq);
      assertThat(tag.executeUpdate()).isEqualTo(1);
    }
  }

  private static void olderSchema(DatabaseSettings db, String ddlFile) throws Exception {
    String ddl = Files.readString(Path.of("..", "deploy", "sql", ddlFile));
    String older = ddl.substring(0, ddl.indexOf("-- The calendar write-back's outbox")).lines()
        .filter(line -> !line.trim().startsWith("--")).collect(Collectors.joining("\n"));
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      for (String sql : older.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
    assertThat(tables(db)).contains("notify_outbox").doesNotContain("calendar_writeback_outbox");
  }

  private static List<String> tables(DatabaseSettings db) throws SQLException {
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      java.util.ArrayList<String> names = new java.util.ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
      }
      return names;
    }
  }
}
