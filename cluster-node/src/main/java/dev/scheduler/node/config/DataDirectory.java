package dev.scheduler.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's data directory (the embedded database, the generated admin token and secret key) is
 * readable by the node's user only: the directory is {@code rwx------}, so nothing created in it
 * later (H2 writes new files when it compacts or traces) is reachable by other users whatever
 * their own mode, and the files already in it are made {@code rw-------} at each start.
 * On a file system without POSIX permissions a warning says so.
 */
public final class DataDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
  static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  private DataDirectory() {}

  /** Creates the directory owner-only, or makes an existing one so. */
  public static void prepare(Path dataDir) {
    try {
      if (!Files.exists(dataDir)) {
        Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        return;
      }
      Set<PosixFilePermission> current = Files.getPosixFilePermissions(dataDir);
      if (!current.equals(OWNER_ONLY_DIRECTORY)) {
        LOG.warn("The data directory {} was {}; it is now rwx------ (the node's user only)", dataDir,
            PosixFilePermissions.toString(current));
        Files.setPosixFilePermissions(dataDir, OWNER_ONLY_DIRECTORY);
      }
    } catch (UnsupportedOperationException noPosix) {
      warnNoPosix(dataDir);
      createPlainly(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the data directory " + dataDir, e);
    }
  }

  /** Makes every file directly in the directory owner-only (the database files H2 created). */
  public static void restrictFiles(Path dataDir) {
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
          Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
      }
    } catch (UnsupportedOperationException noPosix) {
      warnNoPosix(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the files of " + dataDir, e);
    }
  }

  private static void createPlainly(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
  }

  private static void warnNoPosix(Path dataDir) {
    LOG.warn("The file system of {} has no POSIX permissions: make the directory readable by the node's user only",
        dataDir);
  }
}
