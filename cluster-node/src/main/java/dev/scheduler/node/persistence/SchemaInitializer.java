package dev.scheduler.node.persistence;

import dev.scheduler.node.config.DatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the journal and read-side schema on first start, and read-side tables missing from a
 * database made by an older release, so that no manual step is needed. The DDL is the one
 * under {@code deploy/sql}. Statements run one by one with autocommit, since PostgreSQL's
 * {@code CREATE INDEX CONCURRENTLY} refuses to run inside a transaction.
 */
public final class SchemaInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaInitializer.class);
  // Any constant will do: it only keeps several nodes starting at once from racing on the DDL.
  private static final long SCHEMA_LOCK_KEY = 0x5C4ED01EL;
  private static final java.time.Duration LOCK_POLL = java.time.Duration.ofMillis(200);

  private SchemaInitializer() {}

  public static void ensureSchema(DatabaseSettings database) {
    try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
      connection.setAutoCommit(true);
      if (database.kind() == DatabaseSettings.Kind.POSTGRES) {
        withAdvisoryLock(connection, () -> createIfMissing(connection, database));
      } else {
        createIfMissing(connection, database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the journal schema in " + database.describe()
          + ": " + e.getMessage(), e);
    }
  }

  private static void createIfMissing(Connection connection, DatabaseSettings database) throws SQLException {
    if (allTablesExist(connection)) {
      LOG.info("Journal schema present in {}", database.describe());
      return;
    }
    // Every statement is IF NOT EXISTS: on a database made before the read side, this adds its tables.
    LOG.info("Creating the journal schema (or its missing tables) in {}", database.describe());
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(database.schemaResource())) {
        statement.execute(sql);
      }
    }
  }

  /** One table per part of the schema; a database made by an older release lacks the later ones. */
  static final List<String> MARKER_TABLES = List.of("event_journal", "pekko_projection_offset_store",
      "read_side_progress", "read_side_bookings", "notify_outbox", "notify_hosts", "notify_event_types",
      "webhook_subscriptions", "webhook_bookings", "webhook_deliveries",
      "calendar_writeback_outbox", "read_side_booking_facts", "read_side_analytics_hosts", "shard_leases");

  private static boolean allTablesExist(Connection connection) throws SQLException {
    for (String table : MARKER_TABLES) {
      try (ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
        if (!tables.next()) {
          return false;
        }
      }
    }
    return true;
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  // Waits with pg_try_advisory_lock and a pause rather than pg_advisory_lock: a session blocked in
  // pg_advisory_lock holds a transaction open, and CREATE INDEX CONCURRENTLY in the session that
  // holds the lock waits for every open transaction to end, so the two would deadlock.
  private static void withAdvisoryLock(Connection connection, SqlAction action) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      while (!tryLock(statement)) {
        pause();
      }
      try {
        action.run();
      } finally {
        statement.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK_KEY + ")");
      }
    }
  }

  private static boolean tryLock(Statement statement) throws SQLException {
    try (ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + SCHEMA_LOCK_KEY + ")")) {
      return result.next() && result.getBoolean(1);
    }
  }

  private static void pause() throws SQLException {
    try {
      Thread.sleep(LOCK_POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for another node to create the schema", e);
    }
  }

  static List<String> statements(String resource) {
    try (InputStream in = SchemaInitializer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("DDL resource " + resource + " is missing from the node's jar");
      }
      String withoutComments = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.trim().startsWith("--"))
          .collect(Collectors.joining("\n"));
      return Arrays.stream(withoutComments.split(";"))
          .map(String::trim)
          .filter(sql -> !sql.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
