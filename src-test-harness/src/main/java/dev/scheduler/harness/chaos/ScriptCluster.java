package dev.scheduler.harness.chaos;

import dev.scheduler.harness.process.TestFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster of {@code deploy/local-cluster.sh}: three node processes and the script's private
 * PostgreSQL (or an external one from {@code SCHEDULER_DB_URL}), every lever one subcommand of
 * the script. The script keeps the state (pids, mode, secrets), so a control can attach to a
 * cluster that someone else started. Environment overrides the script reads (state directory,
 * ports, jar, JVM options) are passed in {@code env}; see the script's header.
 */
public final class ScriptCluster implements ClusterControl {
  /** Set to 1 at start for netns mode: each node in its own network namespace, so partitions work. */
  public static final String NETNS_ENV = "LOCAL_CLUSTER_NETNS";
  private static final Logger LOG = LoggerFactory.getLogger(ScriptCluster.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration NODE_START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(120);

  private final Path script;
  private final Map<String, String> env;
  private final boolean stopOnClose;
  private final Map<String, String> settings;
  private final List<URI> nodeUrls;
  private boolean closed;

  private ScriptCluster(Path script, Map<String, String> env, boolean stopOnClose) {
    this.script = script.toAbsolutePath();
    this.env = Map.copyOf(env);
    this.stopOnClose = stopOnClose;
    this.settings = readSettings();
    List<URI> urls = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      urls.add(URI.create(require("NODE" + i + "_URL")));
    }
    this.nodeUrls = List.copyOf(urls);
  }

  /**
   * Runs {@code script start} (in netns mode when asked), waits until the three nodes form one
   * cluster, and stops it all again on {@link #close()}.
   */
  public static ScriptCluster start(Path script, Map<String, String> env, boolean netns) {
    Map<String, String> startEnv = new HashMap<>(env);
    startEnv.put(NETNS_ENV, netns ? "1" : "0");
    ShellCommand.Result started = run(script, startEnv, START_TIMEOUT, "start");
    if (!started.ok()) {
      run(script, env, STEP_TIMEOUT, "stop");
      throw new IllegalStateException("local-cluster.sh start failed (exit " + started.exitCode() + "):\n"
          + started.output());
    }
    ScriptCluster cluster = new ScriptCluster(script, env, true);
    try {
      Duration took = ClusterHealth.awaitConverged(cluster, CONVERGE_TIMEOUT);
      LOG.info("Cluster of {} up in {} mode; converged {} after the script returned", script,
          cluster.mode(), took);
    } catch (RuntimeException e) {
      String logs = cluster.logTails(40);
      cluster.close();
      throw new IllegalStateException(e.getMessage() + "\n" + logs, e);
    }
    return cluster;
  }

  /** A cluster the script already runs; {@link #close()} leaves it running. */
  public static ScriptCluster attach(Path script, Map<String, String> env) {
    return new ScriptCluster(script, env, false);
  }

  /** "loopback" or "netns". */
  public String mode() {
    return settings.getOrDefault("MODE", "loopback");
  }

  /** Where the script keeps pids, logs (node1.log ...) and the private database. */
  public Path stateDirectory() {
    return Path.of(require("STATE_DIR"));
  }

  public Path nodeLog(int node) {
    return stateDirectory().resolve("node" + number(node) + ".log");
  }

  /** The last lines of every node's log, for failure messages. */
  public String logTails(int lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < nodeUrls.size(); i++) {
      text.append("--- ").append(nodeLog(i)).append(" ---\n").append(TestFiles.tail(nodeLog(i), lines)).append('\n');
    }
    return text.toString();
  }

  @Override
  public List<URI> nodeUrls() {
    return nodeUrls;
  }

  @Override
  public String adminToken() {
    return require("ADMIN_TOKEN");
  }

  @Override
  public String jdbcUrl() {
    return require("DB_URL");
  }

  @Override
  public String jdbcUser() {
    return settings.getOrDefault("DB_USER", "postgres");
  }

  @Override
  public String jdbcPassword() {
    return settings.getOrDefault("DB_PASSWORD", "");
  }

  @Override
  public void kill(int node) {
    step(STEP_TIMEOUT, "kill", number(node));
  }

  @Override
  public void start(int node) {
    step(NODE_START_TIMEOUT, "start-node", number(node));
  }

  @Override
  public void pause(int node) {
    step(STEP_TIMEOUT, "pause", number(node));
  }

  @Override
  public void resume(int node) {
    step(STEP_TIMEOUT, "resume", number(node));
  }

  @Override
  public NodeState state(int node) {
    return NodeState.valueOf(step(STEP_TIMEOUT, "node-state", number(node)).toUpperCase(Locale.ROOT));
  }

  @Override
  public Optional<String> databaseRestartUnavailable() {
    return "private".equals(settings.get("DB_KIND")) ? Optional.empty()
        : Optional.of("the cluster uses an external database (SCHEDULER_DB_URL); the script only restarts its own");
  }

  @Override
  public void restartDatabase() {
    step(STEP_TIMEOUT, "pg-restart");
  }

  @Override
  public void stopDatabase() {
    step(STEP_TIMEOUT, "pg-stop");
  }

  @Override
  public void startDatabase() {
    step(STEP_TIMEOUT, "pg-start");
  }

  @Override
  public Optional<String> partitionUnavailable() {
    return mode().equals("netns") ? Optional.empty()
        : Optional.of("the cluster runs on loopback, where every node shares 127.0.0.1 and no route can"
            + " separate them; start it with " + NETNS_ENV + "=1 (root and ip netns needed) to give"
            + " each node a network namespace of its own");
  }

  @Override
  public void partition(int node) {
    partitionUnavailable().ifPresent(reason -> {
      throw new UnsupportedOperationException(reason);
    });
    step(STEP_TIMEOUT, "partition", number(node));
  }

  @Override
  public void heal(int node) {
    partitionUnavailable().ifPresent(reason -> {
      throw new UnsupportedOperationException(reason);
    });
    step(STEP_TIMEOUT, "heal", number(node));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (stopOnClose) {
      ShellCommand.Result stopped = run(script, env, STEP_TIMEOUT, "stop");
      if (!stopped.ok()) {
        LOG.warn("local-cluster.sh stop failed (exit {}): {}", stopped.exitCode(), stopped.output());
      }
    }
  }

  private String number(int node) {
    if (node < 0 || node >= 3) {
      throw new IllegalArgumentException("node must be 0, 1 or 2, not " + node);
    }
    return Integer.toString(node + 1);
  }

  /** Runs a subcommand that must succeed; returns its output. */
  private String step(Duration timeout, String... args) {
    ShellCommand.Result result = run(script, env, timeout, args);
    if (!result.ok()) {
      throw new IllegalStateException("local-cluster.sh " + String.join(" ", args) + " failed (exit "
          + result.exitCode() + (result.exitCode() == -1 ? ", timed out after " + timeout : "") + "):\n"
          + result.output());
    }
    LOG.info("local-cluster.sh {}: {}", String.join(" ", args), result.output());
    return result.output();
  }

  private static ShellCommand.Result run(Path script, Map<String, String> env, Duration timeout, String... args) {
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no cluster script at " + script);
    }
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    return ShellCommand.run(command, env, timeout);
  }

  private Map<String, String> readSettings() {
    ShellCommand.Result result = run(script, env, STEP_TIMEOUT, "env");
    if (!result.ok()) {
      throw new IllegalStateException("local-cluster.sh env failed: " + result.output());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : result.output().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  private String require(String key) {
    String value = settings.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("local-cluster.sh env gave no " + key + " (is the cluster started?): "
          + settings);
    }
    return value;
  }

  @Override
  public String toString() {
    return "ScriptCluster[" + script + ", " + mode() + ", " + nodeUrls + "]";
  }
}
