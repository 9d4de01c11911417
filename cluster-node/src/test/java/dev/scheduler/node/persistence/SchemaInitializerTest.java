package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema appears on first start, with no manual step, however many nodes start at once. */
class SchemaInitializerTest {
  @TempDir Path dataDir;

  @Test
  void threeNodesStartingTogetherOnAnEmptyPostgresAllSucceed() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.POSTGRES,
        server.createDatabase("schema"), server.user(), server.password());
    ExecutorService nodes = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> starts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        starts.add(nodes.submit(() -> SchemaInitializer.ensureSchema(db)));
      }
      for (Future<?> start : starts) {
        start.get(60, TimeUnit.SECONDS);
      }
    } finally {
      nodes.shutdownNow();
    }
    assertThat(tables(db)).contains("event_journal", "event_tag", "snapshot", "durable_state");
    SchemaInitializer.ensureSchema(db);
  }

  @Test
  void theEmbeddedH2SchemaIsCreatedOnceAndLeftAloneAfterwards() throws Exception {
    DatabaseSettings db = new DatabaseSettings(DatabaseSettings.Kind.H2,
        "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "");
    SchemaInitializer.ensureSchema(db);
    SchemaInitializer.ensureSchema(db);
    assertThat(tables(db)).contains("event_journal", "snapshot");
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
