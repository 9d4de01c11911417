package dev.scheduler.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which database holds the journal: PostgreSQL when a URL is configured (cluster mode), else an
 * H2 file in the data directory (a single node with no setup).
 */
public record DatabaseSettings(Kind kind, String url, String user, String password) {

  public enum Kind { POSTGRES, H2 }

  private static final String SHARED_DB = "pekko-persistence-jdbc.shared-databases.scheduler";
  private static final String SHARD_LEASE = "scheduler.shard-lease";

  /**
   * DATABASE_TO_UPPER=false: the plugin's H2 DDL and queries use quoted lowercase names.
   * WRITE_DELAY=0: H2 otherwise writes committed transactions to the file up to 500 ms later, so a
   * booking acknowledged just before a crash was lost; now each commit is written to the file (the
   * operating system's cache, not yet the disk: see README on durability) before it returns.
   * DB_CLOSE_ON_EXIT=FALSE: H2's own JVM shutdown hook would close the database while the node's
   * graceful stop still answers requests in flight; the database closes with the node's pool instead.
   */
  static final String H2_SETTINGS = ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

  public static DatabaseSettings from(Config scheduler, Path dataDir) {
    String url = scheduler.getString("database.url").trim();
    if (url.isEmpty()) {
      String h2Url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("scheduler") + H2_SETTINGS;
      return new DatabaseSettings(Kind.H2, h2Url, "sa", "");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("SCHEDULER_DB_URL must be a jdbc:postgresql: URL, not " + url);
    }
    return new DatabaseSettings(Kind.POSTGRES, withBatchedInserts(url),
        scheduler.getString("database.user"), scheduler.getString("database.password"));
  }

  /** The part of Pekko's configuration that points the shared pool at this database. */
  public Config pekkoConfig() {
    boolean postgres = kind == Kind.POSTGRES;
    return ConfigFactory.parseMap(Map.of(
        SHARED_DB + ".profile", postgres ? "slick.jdbc.PostgresProfile$" : "slick.jdbc.H2Profile$",
        SHARED_DB + ".db.driver", postgres ? "org.postgresql.Driver" : "org.h2.Driver",
        SHARED_DB + ".db.url", url,
        SHARED_DB + ".db.user", user,
        SHARED_DB + ".db.password", password,
        // Read-side offsets live in the same database, in its SQL dialect.
        "pekko.projection.jdbc.dialect", postgres ? "postgres-dialect" : "h2-dialect",
        // Every shard holds a lease before it starts an entity: cluster mode only (see cluster.conf).
        "pekko.cluster.sharding.use-lease", postgres ? SHARD_LEASE : ""));
  }

  public String schemaResource() {
    return kind == Kind.POSTGRES ? "schema/postgres-create-schema.sql" : "schema/h2-create-schema.sql";
  }

  /** The URL without the password, for logs. */
  public String describe() {
    return kind + " " + url;
  }

  // The journal writes events in batches; the driver then sends them as one multi-row insert.
  private static String withBatchedInserts(String url) {
    if (url.contains("reWriteBatchedInserts")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + describe() + ", user=" + user + "]";
  }
}
