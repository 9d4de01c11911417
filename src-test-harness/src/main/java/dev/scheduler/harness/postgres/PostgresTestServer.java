package dev.scheduler.harness.postgres;

import dev.scheduler.harness.process.TestFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for tests. Uses the database named by {@code SCHEDULER_TEST_DB_URL} when set
 * (starting nothing); otherwise starts a private throwaway server in a fresh temporary directory,
 * from the installed binaries if there are any, else from zonky's embedded binaries. The system
 * property {@code scheduler.test.postgres=installed|embedded|auto} forces the choice.
 */
public final class PostgresTestServer implements AutoCloseable {
  public static final String URL_ENV = "SCHEDULER_TEST_DB_URL";
  public static final String USER_ENV = "SCHEDULER_TEST_DB_USER";
  public static final String PASSWORD_ENV = "SCHEDULER_TEST_DB_PASSWORD";
  public static final String MODE_PROPERTY = "scheduler.test.postgres";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTestServer.class);
  private static final Pattern JDBC_URL =
      Pattern.compile("(jdbc:postgresql://[^/?]+)/([^?]*)(\\?.*)?");
  private static PostgresTestServer shared;

  /** "external", "installed" or "embedded". */
  private final String kind;
  /** Null for an external database: nothing of ours to start or stop. */
  private final PostgresBackend backend;
  private final String serverUrl;
  private final String adminDatabase;
  private final String urlParameters;
  private final String user;
  private final String password;
  private final Thread shutdownHook;
  private final AtomicInteger databaseCounter = new AtomicInteger();
  private final List<String> createdDatabases = new ArrayList<>();
  private boolean closed;

  private PostgresTestServer(String kind, PostgresBackend backend, String adminUrl, String user,
      String password) {
    Matcher m = JDBC_URL.matcher(adminUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/database URL: " + adminUrl);
    }
    this.kind = kind;
    this.backend = backend;
    this.serverUrl = m.group(1);
    this.adminDatabase = m.group(2).isEmpty() ? "postgres" : m.group(2);
    this.urlParameters = m.group(3) == null ? "" : m.group(3);
    this.user = user;
    this.password = password;
    this.shutdownHook = new Thread(this::shutDown, "postgres-test-server-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** One server per JVM, started on first use and stopped when the JVM exits. */
  public static synchronized PostgresTestServer shared() {
    if (shared == null || shared.isClosed()) {
      shared = start();
    }
    return shared;
  }

  /** A server of the caller's own, to be closed by the caller (or at JVM exit). */
  public static PostgresTestServer start() {
    return start(System.getenv(), System.getProperty(MODE_PROPERTY, "auto"));
  }

  /** Seam for tests: the environment and mode come in as arguments. */
  static PostgresTestServer start(Map<String, String> env, String mode) {
    String externalUrl = env.get(URL_ENV);
    if (externalUrl != null && !externalUrl.isBlank()) {
      LOG.info("Using external test database {} (from {}); starting nothing", externalUrl, URL_ENV);
      return new PostgresTestServer("external", null, externalUrl,
          env.getOrDefault(USER_ENV, "postgres"), env.getOrDefault(PASSWORD_ENV, ""));
    }
    PostgresBackend backend;
    String kind;
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "installed" -> {
        Path bin = PostgresBinaries.findBinDir().orElseThrow(() -> new IllegalStateException(
            MODE_PROPERTY + "=installed but no initdb/pg_ctl/postgres found via pg_config, "
                + "/usr/lib/postgresql/*/bin or PATH (apt-get install postgresql)"));
        backend = new InstalledPostgres(bin, ServerOsUser.detect());
        kind = "installed";
      }
      case "embedded" -> {
        backend = new ZonkyPostgres();
        kind = "embedded";
      }
      case "auto", "" -> {
        Optional<Path> bin = PostgresBinaries.findBinDir();
        backend = bin.<PostgresBackend>map(b -> new InstalledPostgres(b, ServerOsUser.detect()))
            .orElseGet(ZonkyPostgres::new);
        kind = bin.isPresent() ? "installed" : "embedded";
      }
      default -> throw new IllegalArgumentException(
          MODE_PROPERTY + " must be installed, embedded or auto, not '" + mode + "'");
    }
    return startLocal(kind, backend);
  }

  private static PostgresTestServer startLocal(String kind, PostgresBackend backend) {
    try {
      backend.start();
    } catch (RuntimeException e) {
      stopAndDelete(backend);
      throw e;
    }
    PostgresTestServer server = new PostgresTestServer(kind, backend,
        "jdbc:postgresql://127.0.0.1:" + backend.port() + "/postgres", "postgres", "");
    LOG.info("Private {} PostgreSQL ready on 127.0.0.1:{} in {}", kind, backend.port(),
        backend.workDir());
    return server;
  }

  /** Creates an empty database with a unique name and returns its JDBC URL. */
  public String createDatabase(String prefix) {
    String name = uniqueName(prefix);
    try (Connection c = connect(adminJdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + " on " + serverUrl
          + logTailForErrors(), e);
    }
    synchronized (this) {
      createdDatabases.add(name);
    }
    return jdbcUrl(name);
  }

  /** Lower-case so it needs no quoting later; random part so JVMs sharing a server never clash. */
  private String uniqueName(String prefix) {
    String clean = (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
      clean = "db_" + clean;
    }
    clean = clean.substring(0, Math.min(clean.length(), 40));
    return clean + "_" + databaseCounter.incrementAndGet() + "_"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A JDBC connection as {@link #user()}. */
  public Connection connect(String jdbcUrl) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (!password.isEmpty()) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl, props);
  }

  public String jdbcUrl(String database) {
    return serverUrl + "/" + database + urlParameters;
  }

  public String adminJdbcUrl() {
    return jdbcUrl(adminDatabase);
  }

  public String user() {
    return user;
  }

  /** Empty for the private servers, which trust local TCP connections. */
  public String password() {
    return password;
  }

  /** "external", "installed" or "embedded". */
  public String kind() {
    return kind;
  }

  /** The TCP port of a private server; -1 for an external database. */
  public int port() {
    return backend == null ? -1 : backend.port();
  }

  /** The throwaway directory of a private server (deleted by close), empty for external. */
  public Optional<Path> workDirectory() {
    return Optional.ofNullable(backend).map(PostgresBackend::workDir);
  }

  /** Stops and starts the server on the same data directory and port; data survives. */
  public synchronized void restart() {
    stopServer();
    startServer();
  }

  /** Stops the server but keeps its data, for tests of a database outage; see {@link #startServer()}. */
  public synchronized void stopServer() {
    requireLocal("stopServer").stop();
  }

  public synchronized void startServer() {
    requireLocal("startServer").start();
  }

  private PostgresBackend requireLocal(String operation) {
    if (backend == null) {
      throw new UnsupportedOperationException(operation + " needs a private server, not " + URL_ENV);
    }
    if (closed) {
      throw new IllegalStateException("server is closed");
    }
    return backend;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    shutDown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // Called from another shutdown hook: ours runs too and shutDown() is idempotent.
    }
  }

  private synchronized void shutDown() {
    if (closed) {
      return;
    }
    closed = true;
    if (backend == null) {
      dropCreatedDatabases();
    } else {
      stopAndDelete(backend);
    }
  }

  private static void stopAndDelete(PostgresBackend backend) {
    try {
      backend.stop();
    } catch (RuntimeException e) {
      LOG.warn("Could not stop PostgreSQL in {}", backend.workDir(), e);
    }
    TestFiles.deleteRecursively(backend.workDir());
    LOG.info("Removed PostgreSQL work directory {}", backend.workDir());
  }

  /** On a shared external server, leave nothing behind; best effort, FORCE needs PostgreSQL 13+. */
  private void dropCreatedDatabases() {
    if (createdDatabases.isEmpty()) {
      return;
    }
    try (Connection c = connect(adminJdbcUrl()); Statement s = c.createStatement()) {
      for (String name : createdDatabases) {
        try {
          s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
          LOG.warn("Could not drop test database {}: {}", name, e.getMessage());
        }
      }
    } catch (SQLException e) {
      LOG.warn("Could not drop test databases {}: {}", createdDatabases, e.getMessage());
    }
  }

  private String logTailForErrors() {
    return backend == null ? "" : "\n--- server log ---\n" + backend.logTail(40);
  }

  @Override
  public String toString() {
    return "PostgresTestServer[" + kind + " " + serverUrl + "]";
  }
}
