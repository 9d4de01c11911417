package dev.scheduler.node.readside;

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
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database made before host analytics (outbox included) gains its tables and index at start. */
class BookingFactsSchemaTest {
  private static final List<String> TABLES = List.of("read_side_booking_facts", "read_side_analytics_hosts");
  private static final String INDEX = "read_side_booking_facts_start_idx";

  @TempDir Path dataDir;

  @Test
  void anH2DatabaseFromBeforeAnalyticsGainsItsTables() throws Exception {
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "");
    olderSchema(db, "h2-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    assertThat(names(db)).containsAll(TABLES);
    assertThat(indexes(db)).contains(INDEX);
  }

  @Test
  void aPostgresDatabaseFromBeforeAnalyticsGainsItsTables() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.POSTGRES,
        server.createDatabase("preanalytics"), server.user(), server.password());
    olderSchema(db, "postgres-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    SchemaInitializer.ensureSchema(db);
    assertThat(names(db)).containsAll(TABLES);
    assertThat(indexes(db)).contains(INDEX);
  }

  private static void olderSchema(DatabaseSettings db, String ddlFile) throws Exception {
    String ddl = Files.readString(Path.of("..", "deploy", "sql", ddlFile));
    String older = ddl.substring(0, ddl.indexOf("-- Analytics (issue 15)")).lines()
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
    assertThat(names(db)).contains("notify_outbox").doesNotContainAnyElementsOf(TABLES);
  }

  private static List<String> names(DatabaseSettings db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static List<String> indexes(DatabaseSettings db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet index = connection.getMetaData().getIndexInfo(null, null, "read_side_booking_facts", false, false)) {
      while (index.next()) {
        names.add(String.valueOf(index.getString("INDEX_NAME")).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }
}
