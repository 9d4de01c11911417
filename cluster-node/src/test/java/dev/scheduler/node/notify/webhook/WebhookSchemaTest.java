package dev.scheduler.node.notify.webhook;

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

/** A database made by the release before webhooks (outbox included) gains their tables and indexes at start. */
class WebhookSchemaTest {
  private static final List<String> TABLES = List.of("webhook_subscriptions", "webhook_bookings",
      "webhook_deliveries");

  @TempDir Path dataDir;

  @Test
  void anH2DatabaseFromBeforeWebhooksGainsThem() throws Exception {
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "");
    olderSchema(db, "h2-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    assertThat(tables(db)).containsAll(TABLES);
    assertThat(indexes(db, "webhook_subscriptions")).contains("webhook_subscriptions_host_idx");
    assertThat(indexes(db, "webhook_deliveries")).contains("webhook_deliveries_subscription_idx");
  }

  @Test
  void aPostgresDatabaseFromBeforeWebhooksGainsThem() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.POSTGRES,
        server.createDatabase("prewebhooks"), server.user(), server.password());
    olderSchema(db, "postgres-create-schema.sql");
    SchemaInitializer.ensureSchema(db);
    SchemaInitializer.ensureSchema(db);
    assertThat(tables(db)).containsAll(TABLES);
    assertThat(indexes(db, "webhook_subscriptions")).contains("webhook_subscriptions_host_idx");
    assertThat(indexes(db, "webhook_deliveries")).contains("webhook_deliveries_subscription_idx");
  }

  private static void olderSchema(DatabaseSettings db, String ddlFile) throws Exception {
    String ddl = Files.readString(Path.of("..", "deploy", "sql", ddlFile));
    String older = ddl.substring(0, ddl.indexOf("-- Outbound webhooks")).lines()
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
    assertThat(tables(db)).contains("notify_outbox").doesNotContainAnyElementsOf(TABLES);
  }

  private static List<String> tables(DatabaseSettings db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static List<String> indexes(DatabaseSettings db, String table) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        ResultSet index = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
      while (index.next()) {
        names.add(String.valueOf(index.getString("INDEX_NAME")).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }
}
