package dev.scheduler.harness.postgres;

import dev.scheduler.harness.process.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS user that runs initdb and pg_ctl. PostgreSQL refuses to run as root, so when the JVM is
 * root (containers, CI) the server runs as the {@code postgres} user instead.
 */
final class ServerOsUser {
  static final String POSTGRES = "postgres";
  private static final Logger LOG = LoggerFactory.getLogger(ServerOsUser.class);
  private static final List<Path> RUNUSER_LOCATIONS =
      List.of(Path.of("/usr/sbin/runuser"), Path.of("/sbin/runuser"), Path.of("/usr/bin/runuser"));

  /** Empty when the JVM's own user runs the server. */
  private final Optional<Path> runuser;
  private final boolean switchUser;

  private ServerOsUser(boolean switchUser, Optional<Path> runuser) {
    this.switchUser = switchUser;
    this.runuser = runuser;
  }

  static ServerOsUser detect() {
    if (!jvmIsRoot()) {
      return new ServerOsUser(false, Optional.empty());
    }
    ensurePostgresUserExists();
    Optional<Path> runuser = RUNUSER_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    LOG.info("JVM runs as root: PostgreSQL will run as OS user '{}' via {}", POSTGRES,
        runuser.map(Path::toString).orElse("su"));
    return new ServerOsUser(true, runuser);
  }

  static boolean jvmIsRoot() {
    return OsCommands.output(List.of("id", "-u")).map("0"::equals)
        .orElse("root".equals(System.getProperty("user.name")));
  }

  boolean switchesUser() {
    return switchUser;
  }

  String describe() {
    return switchUser ? POSTGRES + " (JVM is root)" : System.getProperty("user.name");
  }

  /** The command, wrapped so that it runs as the server user. */
  List<String> wrap(List<String> command) {
    if (!switchUser) {
      return command;
    }
    return runuser.map(path -> viaRunuser(path, command)).orElseGet(() -> viaSu(command));
  }

  static List<String> viaRunuser(Path runuser, List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of(runuser.toString(), "-u", POSTGRES, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** su takes one shell string, so every word is single-quoted. */
  static List<String> viaSu(List<String> command) {
    String script = "exec " + command.stream().map(ServerOsUser::shellQuote)
        .collect(Collectors.joining(" "));
    return List.of("su", POSTGRES, "-s", "/bin/sh", "-c", script);
  }

  static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * A fresh temporary directory that the server user owns. When switching user every parent must
   * be traversable by it, which a root-only java.io.tmpdir (say /root/tmp) is not; /tmp is.
   */
  Path createWorkDir() {
    try {
      Path base = Path.of(System.getProperty("java.io.tmpdir"));
      if (switchUser && !othersCanTraverse(base)) {
        LOG.info("{} is not traversable by '{}', using /tmp instead", base, POSTGRES);
        base = Path.of("/tmp");
      }
      StaleWorkDirs.reap(base);
      Path dir = Files.createTempDirectory(base, StaleWorkDirs.PREFIX);
      StaleWorkDirs.markOwner(dir);
      if (switchUser) {
        UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName(POSTGRES);
        Files.setOwner(dir, owner);
        verifyWritableByServerUser(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a work directory for PostgreSQL", e);
    }
  }

  private void verifyWritableByServerUser(Path dir) {
    Path probe = dir.resolve("probe.log");
    int exit = OsCommands.run(wrap(List.of("test", "-w", dir.toString())), dir, probe,
        java.time.Duration.ofSeconds(30));
    if (exit != 0) {
      String detail = TestFiles.tail(probe, 20);
      TestFiles.deleteRecursively(dir);
      throw new IllegalStateException("OS user '" + POSTGRES + "' cannot write " + dir
          + " (exit " + exit + "). Output:\n" + detail);
    }
    try {
      Files.delete(probe);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean othersCanTraverse(Path dir) throws IOException {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      PosixFileAttributes attrs = Files.readAttributes(p, PosixFileAttributes.class);
      if (!attrs.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private static void ensurePostgresUserExists() {
    if (OsCommands.output(List.of("id", "-u", POSTGRES)).isPresent()) {
      return;
    }
    LOG.info("Creating system user '{}' to run the test PostgreSQL", POSTGRES);
    boolean created = OsCommands.output(List.of("useradd", "-r", "-M", "-s", "/bin/sh", POSTGRES))
        .isPresent();
    // Another JVM (a parallel surefire fork) may have created it at the same moment.
    if (!created && OsCommands.output(List.of("id", "-u", POSTGRES)).isEmpty()) {
      throw new IllegalStateException("JVM runs as root and OS user '" + POSTGRES
          + "' does not exist and could not be created with useradd");
    }
  }
}
