package dev.scheduler.harness.chaos;

import dev.scheduler.harness.process.Ports;
import dev.scheduler.harness.process.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Runs deploy/local-cluster.sh with stand-in nodes (FakeClusterNode from this test classpath) and
 * its own private PostgreSQL, in a state directory and on ports of its own, so it never meets a
 * cluster someone started by hand.
 */
final class ScriptClusterFixture implements AutoCloseable {
  final Path script;
  final Path state;
  final Map<String, String> env = new HashMap<>();

  ScriptClusterFixture() throws IOException {
    script = findScript();
    // World-traversable: the script runs PostgreSQL as the postgres user when we are root.
    state = Files.createTempDirectory(Path.of("/tmp"), "chaos-script-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    env.put("LOCAL_CLUSTER_STATE", state.toString());
    env.put("LOCAL_CLUSTER_PG_PORT", Integer.toString(Ports.freePort()));
    env.put("LOCAL_CLUSTER_HTTP_BASE", Integer.toString(freeBase(20000, 26000)));
    env.put("LOCAL_CLUSTER_REMOTE_BASE", Integer.toString(freeBase(26000, 32000)));
    env.put("LOCAL_CLUSTER_CLASSPATH", System.getProperty("java.class.path"));
    env.put("LOCAL_CLUSTER_MAIN", FakeClusterNode.class.getName());
    env.put("LOCAL_CLUSTER_JAVA_OPTS", "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
  }

  /** The script runs PostgreSQL from /usr/lib/postgresql/<version>/bin only. */
  static Optional<Path> installedPostgres() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("deploy/local-cluster.sh");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("deploy/local-cluster.sh not found above " + Path.of("").toAbsolutePath());
  }

  /**
   * A base port whose next three ports are free now. Below Linux's ephemeral range (32768 up), so
   * that no outgoing connection or Ports.freePort() takes one of them meanwhile.
   */
  private static int freeBase(int from, int to) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(from, to);
      if (!Ports.isListening(base + 1) && !Ports.isListening(base + 2) && !Ports.isListening(base + 3)) {
        return base;
      }
    }
    throw new IllegalStateException("no three free ports in a row");
  }

  ShellCommand.Result run(String... args) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", script.toString()));
    command.addAll(java.util.List.of(args));
    return ShellCommand.run(command, env, java.time.Duration.ofSeconds(120));
  }

  @Override
  public void close() {
    run("stop");
    TestFiles.deleteRecursively(state);
  }
}
