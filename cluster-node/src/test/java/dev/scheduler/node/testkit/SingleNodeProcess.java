package dev.scheduler.node.testkit;

import dev.scheduler.harness.process.NodeProcessLauncher;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.harness.postgres.PostgresTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node as an OS process of its own, started the way {@code java -jar scheduler-node.jar} starts
 * (its {@code Main}, configured by environment), so that a test can SIGKILL or SIGTERM it and start
 * it again on the same data: the embedded H2 file of its data directory, or a PostgreSQL database.
 */
public final class SingleNodeProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final NodeProcessLauncher launcher;
  private final String description;

  private SingleNodeProcess(Path work, Map<String, String> database, String description) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SCHEDULER_DATA_DIR", work.resolve("data").toString());
    env.put("SCHEDULER_HTTP_HOST", "127.0.0.1");
    int httpPort = Ports.freePort();
    env.put("SCHEDULER_HTTP_PORT", Integer.toString(httpPort));
    env.put("SCHEDULER_REMOTE_HOST", "127.0.0.1");
    env.put("SCHEDULER_REMOTE_PORT", Integer.toString(Ports.freePort()));
    env.put("SCHEDULER_ADMIN_TOKEN", TestNodes.ADMIN_TOKEN);
    env.put("SCHEDULER_SECRET_KEY", TestNodes.SECRET_KEY);
    env.put("SCHEDULER_ICS_ALLOW_PRIVATE_ADDRESSES", "true");
    env.putAll(database);
    this.description = description;
    this.launcher = new NodeProcessLauncher("node", httpPort, env, work.resolve("node.log"))
        .jvmArg("-Xmx256m")
        .jvmArg("-XX:+UseSerialGC")
        .jvmArg("-XX:TieredStopAtLevel=1");
  }

  /** On the H2 file in {@code work/data}, as with no configuration at all. */
  public static SingleNodeProcess embedded(Path work) {
    return new SingleNodeProcess(work, Map.of(), "H2");
  }

  /** On the H2 file in {@code work/data}, with {@code env} added to the node's environment. */
  public static SingleNodeProcess embedded(Path work, Map<String, String> env) {
    return new SingleNodeProcess(work, env, "H2");
  }

  /** On a fresh database of the given PostgreSQL server. */
  public static SingleNodeProcess postgres(Path work, PostgresTestServer server, String databasePrefix) {
    String url = server.createDatabase(databasePrefix);
    return new SingleNodeProcess(work, Map.of(
        "SCHEDULER_DB_URL", url,
        "SCHEDULER_DB_USER", server.user(),
        "SCHEDULER_DB_PASSWORD", server.password(),
        "SCHEDULER_DB_POOL_SIZE", "8"), "PostgreSQL");
  }

  /** Starts the process and waits until it answers ready. */
  public SingleNodeProcess start() {
    launcher.start();
    launcher.awaitReady(READY_TIMEOUT);
    return this;
  }

  public NodeProcessLauncher launcher() {
    return launcher;
  }

  public String baseUrl() {
    return launcher.baseUrl();
  }

  public int httpPort() {
    return launcher.httpPort();
  }

  public String logTail() {
    return launcher.logTail(80);
  }

  @Override
  public String toString() {
    return "node on " + description;
  }

  @Override
  public void close() {
    launcher.close();
  }
}
