package dev.scheduler.harness.postgres;

import dev.scheduler.harness.process.TestFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after test JVMs that died without running shutdown hooks (kill -9, a surefire fork
 * timeout): their PostgreSQL would otherwise run on forever and their directories pile up.
 * Each work directory records the pid of the JVM that owns it; a directory whose owner is gone is
 * stale, and its postmaster (verified through postmaster.pid naming that very data directory)
 * is shut down before the directory is deleted.
 */
final class StaleWorkDirs {
  static final String PREFIX = "scheduler-pg-";
  private static final String OWNER_FILE = "owner.pid";
  /** A directory without an owner file may be one another JVM is creating right now. */
  private static final Duration UNOWNED_GRACE = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(StaleWorkDirs.class);

  private StaleWorkDirs() {}

  static void markOwner(Path workDir) throws IOException {
    Files.writeString(workDir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
  }

  static void reap(Path base) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path dir : dirs) {
        if (Files.isDirectory(dir) && isStale(dir)) {
          LOG.warn("Removing PostgreSQL work directory {} left by a test JVM that died", dir);
          stopPostmaster(dir.resolve("data"));
          TestFiles.deleteRecursively(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not clean stale PostgreSQL work directories in {}", base, e);
    }
  }

  private static boolean isStale(Path dir) throws IOException {
    Path owner = dir.resolve(OWNER_FILE);
    if (!Files.exists(owner)) {
      Instant modified = Files.getLastModifiedTime(dir).toInstant();
      return modified.isBefore(Instant.now().minus(UNOWNED_GRACE));
    }
    Optional<Long> pid = parsePid(Files.readString(owner));
    return pid.isPresent() && ProcessHandle.of(pid.get()).isEmpty();
  }

  /** SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, but shared memory is released. */
  private static void stopPostmaster(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<Long> pid = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0));
    boolean ours = lines.size() > 1 && Path.of(lines.get(1).trim()).equals(dataDir);
    Optional<ProcessHandle> postmaster = pid.flatMap(ProcessHandle::of);
    if (!ours || postmaster.isEmpty()) {
      return;
    }
    OsCommands.output(List.of("kill", "-QUIT", Long.toString(pid.get())));
    try {
      postmaster.get().onExit().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      postmaster.get().destroyForcibly();
    }
  }

  private static Optional<Long> parsePid(String text) {
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
