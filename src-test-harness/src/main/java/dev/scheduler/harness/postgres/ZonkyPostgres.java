package dev.scheduler.harness.postgres;

import dev.scheduler.harness.process.Ports;
import dev.scheduler.harness.process.TestFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fallback for machines without an installed PostgreSQL: zonky's EmbeddedPostgres, which unpacks
 * PostgreSQL 14 from a jar into its own cache under java.io.tmpdir/embedded-pg (kept and reused)
 * and, as root, runs it in a user namespace ({@code unshare -U}) so PostgreSQL does not see root.
 * Only the data directory and log live in our throwaway work directory.
 */
final class ZonkyPostgres implements PostgresBackend {
  private static final Logger LOG = LoggerFactory.getLogger(ZonkyPostgres.class);

  private final Path workDir;
  private final Path dataDir;
  private final Path serverLog;
  private final int port;
  private EmbeddedPostgres server;

  ZonkyPostgres() {
    try {
      Path base = Path.of(System.getProperty("java.io.tmpdir"));
      StaleWorkDirs.reap(base);
      this.workDir = Files.createTempDirectory(base, StaleWorkDirs.PREFIX + "embedded-");
      StaleWorkDirs.markOwner(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.dataDir = workDir.resolve("data");
    this.serverLog = workDir.resolve("server.log");
    this.port = Ports.freePort();
  }

  @Override
  public synchronized void start() {
    LOG.info("Starting embedded (zonky) PostgreSQL on 127.0.0.1:{}, data {}", port, dataDir);
    try {
      // zonky skips initdb when the data directory already holds a cluster: that is the restart.
      server = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setPort(port)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("unix_socket_directories", workDir.toString())
          .setServerConfig("max_connections", "200")
          .setServerConfig("synchronous_commit", "off")
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
          .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("embedded PostgreSQL failed to start in " + workDir
          + "\n--- server log ---\n" + logTail(40), e);
    }
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    LOG.info("Stopping embedded PostgreSQL on port {}", port);
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server = null;
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  @Override
  public String logTail(int lines) {
    return TestFiles.tail(serverLog, lines);
  }
}
