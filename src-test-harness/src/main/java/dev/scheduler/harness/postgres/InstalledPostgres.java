package dev.scheduler.harness.postgres;

import dev.scheduler.harness.process.Ports;
import dev.scheduler.harness.process.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A throwaway cluster made with the machine's own initdb and run with its pg_ctl. */
final class InstalledPostgres implements PostgresBackend {
  private static final Logger LOG = LoggerFactory.getLogger(InstalledPostgres.class);
  /** Linux limits a unix socket path to 107 bytes; ".s.PGSQL.65535" is appended to the dir. */
  private static final int MAX_SOCKET_DIR_LENGTH = 107 - ".s.PGSQL.65535".length() - 1;
  private static final int PORT_ATTEMPTS = 3;

  private final Path binDir;
  private final ServerOsUser osUser;
  private final Path workDir;
  private final Path dataDir;
  private final Path serverLog;
  private final Path commandLog;
  private boolean initialized;
  private int port;

  InstalledPostgres(Path binDir, ServerOsUser osUser) {
    this.binDir = binDir;
    this.osUser = osUser;
    this.workDir = osUser.createWorkDir();
    this.dataDir = workDir.resolve("data");
    this.serverLog = workDir.resolve("server.log");
    this.commandLog = workDir.resolve("commands.log");
  }

  @Override
  public synchronized void start() {
    if (!initialized) {
      initdb();
      initialized = true;
      startOnFreePort();
    } else {
      // A restart must keep the port: clients and pools hold URLs with it.
      pgCtlStart();
    }
  }

  private void initdb() {
    LOG.info("initdb with {} in {} as {}", binDir, dataDir, osUser.describe());
    run(List.of(bin("initdb"), "-D", dataDir.toString(), "-A", "trust", "-U", "postgres",
        "-E", "UTF8", "--no-locale", "--no-sync"), Duration.ofSeconds(120), "initdb");
    appendToConf("postgresql.conf", "\ninclude_if_exists = 'harness.conf'\n");
  }

  /** The port was free when picked, but another process may grab it first: pick again then. */
  private void startOnFreePort() {
    for (int attempt = 1; ; attempt++) {
      port = Ports.freePort();
      writeHarnessConf();
      try {
        pgCtlStart();
        return;
      } catch (IllegalStateException e) {
        boolean portTaken = TestFiles.tail(serverLog, 30).contains("could not bind");
        if (!portTaken || attempt == PORT_ATTEMPTS) {
          throw e;
        }
        LOG.warn("Port {} was taken before PostgreSQL could bind it; trying another", port);
      }
    }
  }

  private void pgCtlStart() {
    LOG.info("Starting PostgreSQL {} on 127.0.0.1:{}, data {}", binDir, port, dataDir);
    run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", serverLog.toString(),
        "-w", "-t", "60", "start"), Duration.ofSeconds(90), "pg_ctl start");
  }

  /** Test-only tuning: durability off (a crash loses a throwaway database), room for 3 nodes' pools. */
  private void writeHarnessConf() {
    String socketDir = workDir.toString().length() <= MAX_SOCKET_DIR_LENGTH ? workDir.toString() : "";
    String conf = String.join("\n",
        "listen_addresses = '127.0.0.1'",
        "port = " + port,
        "unix_socket_directories = '" + socketDir.replace("'", "''") + "'",
        "max_connections = 200",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "") + "\n";
    try {
      Files.writeString(dataDir.resolve("harness.conf"), conf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void stop() {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    LOG.info("Stopping PostgreSQL on port {}", port);
    int exit = OsCommands.run(osUser.wrap(List.of(bin("pg_ctl"), "-D", dataDir.toString(),
        "-m", "fast", "-w", "-t", "30", "stop")), workDir, commandLog, Duration.ofSeconds(60));
    if (exit != 0 && Files.exists(pidFile)) {
      killPostmaster(pidFile);
    }
  }

  /** Last resort when pg_ctl cannot stop it: the JVM may signal it (same user, or root). */
  private void killPostmaster(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      LOG.warn("pg_ctl stop failed; killing postmaster {}", pid);
      ProcessHandle.of(pid).ifPresent(handle -> {
        handle.destroyForcibly();
        try {
          handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          LOG.warn("postmaster {} did not exit after SIGKILL", pid, e);
        }
      });
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not kill postmaster from {}", pidFile, e);
    }
  }

  private void run(List<String> command, Duration timeout, String what) {
    int exit = OsCommands.run(osUser.wrap(command), workDir, commandLog, timeout);
    if (exit != 0) {
      throw new IllegalStateException(what + " failed (exit " + exit + ", -1 = timeout) in "
          + workDir + "\n--- command output ---\n" + TestFiles.tail(commandLog, 30)
          + "\n--- server log ---\n" + logTail(40));
    }
  }

  private void appendToConf(String file, String text) {
    try {
      Files.writeString(dataDir.resolve(file), text, StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String bin(String name) {
    return binDir.resolve(name).toString();
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
