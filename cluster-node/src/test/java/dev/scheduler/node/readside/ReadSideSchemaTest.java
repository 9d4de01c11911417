package dev.scheduler.node.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.persistence.SchemaInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database made by a release before the read side (the DDL up to its read-side part, and an event
 * in the journal) gains the read-side tables at the next start, with its journal left as it was.
 */
class ReadSideSchemaTest {
  private static final List<String> READ_SIDE_TABLES = List.of("pekko_projection_offset_store",
      "pekko_projection_management", "read_side_progress", "read_side_bookings");

  @TempDir Path dataDir;

  @Test
  void anOlderH2DatabaseGainsTheReadSideTables() throws Exception {
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "");
    olderSchemaWithOneEvent(db, "h2-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    assertThat(tables(db)).containsAll(READ_SIDE_TABLES);
    assertThat(journalRows(db)).isEqualTo(1);
  }

  @Test
  void anOlderPostgresDatabaseGainsTheReadSideTables() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.POSTGRES,
        server.createDatabase("oldschema"), server.user(), server.password());
    olderSchemaWithOneEvent(db, "postgres-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    SchemaInitializer.ensureSchema(db);
    assertThat(tables(db)).containsAll(READ_SIDE_TABLES);
    assertThat(journalRows(db)).isEqualTo(1);
  }

  private static void olderSchemaWithOneEvent(DatabaseSettings db, String ddlFile) throws Exception {
    String ddl = Files.readString(Path.of("..", "deploy", "sql", ddlFile));
    String older = ddl.substring(0, ddl.indexOf("-- Read sides"));
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement()) {
      for (String sql : older.split(";")) {
        if (!sql.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("--"))) {
          statement.execute(sql);
        }
      }
      assertThat(tables(db)).contains("event_journal").doesNotContainAnyElementsOf(READ_SIDE_TABLES);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_journal (persistence_id,"
          + " sequence_number, writer, write_timestamp, adapter_manifest, event_payload, event_ser_id,"
          + " event_ser_manifest) VALUES ('HostCalendar|old', 1, 'w', 0, '', ?, 1, 'm')")) {
        insert.setBytes(1, new byte[] {0});
        insert.executeUpdate();
      }
    }
  }

  private static long journalRows(DatabaseSettings db) throws Exception {
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM event_journal")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<String> tables(DatabaseSettings db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
