package dev.scheduler.node.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.persistence.SchemaInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database made before the outbox (read side included) gains its tables and indexes at start. */
class OutboxSchemaTest {
  private static final List<String> TABLES = List.of("notify_outbox", "notify_hosts", "notify_event_types");
  private static final List<String> INDEXES = List.of("notify_outbox_due_idx", "notify_outbox_booking_idx");

  @TempDir Path dataDir;

  @Test
  void anH2DatabaseFromBeforeTheOutboxGainsIt() throws Exception {
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "");
    olderSchema(db, "h2-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    assertThat(names(db, "TABLE")).containsAll(TABLES);
    assertThat(indexes(db)).containsAll(INDEXES);
  }

  @Test
  void aPostgresDatabaseFromBeforeTheOutboxGainsIt() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.POSTGRES,
        server.createDatabase("preoutbox"), server.user(), server.password());
    olderSchema(db, "postgres-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    SchemaInitializer.ensureSchema(db);
    assertThat(names(db, "TABLE")).containsAll(TABLES);
    assertThat(indexes(db)).containsAll(INDEXES);
  }

  private static void olderSchema(DatabaseSettings db, String ddlFile) throws Exception {
    String ddl = Files.readString(Path.of("..", "deploy", "sql", ddlFile));
    // Comments go first: some hold a semicolon.
    String older = ddl.substring(0, ddl.indexOf("-- Outbound messages")).lines()
        .filter(line -> !line.trim().startsWith("--")).collect(java.util.stream.Collectors.joining("\n"));
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      for (String sql : older.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
    assertThat(names(db, "TABLE")).contains("read_side_bookings").doesNotContainAnyElementsOf(TABLES);
  }

  private static List<String> names(DatabaseSettings db, String type) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {type})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
      }
    }
    return names;
  }

  private static List<String> indexes(DatabaseSettings db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet index = connection.getMetaData().getIndexInfo(null, null, "notify_outbox", false, false)) {
      while (index.next()) {
        names.add(String.valueOf(index.getString("INDEX_NAME")).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return names;
  }
}
