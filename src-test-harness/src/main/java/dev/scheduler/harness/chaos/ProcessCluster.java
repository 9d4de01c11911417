package dev.scheduler.harness.chaos;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.harness.process.NodeProcessLauncher;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.harness.process.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three nodes as OS processes of this machine ({@code java -cp <classpath> <main>}, by default
 * this JVM's classpath and {@code dev.scheduler.node.Main}), on a private PostgreSQL of their own,
 * every port a free one. For JUnit tests in a module whose test classpath holds the node. Nodes
 * run on loopback, so {@link #partition} is not available here; {@link ScriptCluster} in netns
 * mode can partition.
 */
public final class ProcessCluster implements ClusterControl {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessCluster.class);

  private final PostgresTestServer database;
  private final boolean ownsDatabase;
  private final String jdbcUrl;
  private final String adminToken;
  private final List<NodeProcessLauncher> nodes;
  private final List<URI> urls;
  private final Duration readyTimeout;
  private final Path workDirectory;
  private final boolean deleteWorkDirectory;
  private boolean closed;

  private ProcessCluster(Builder b, PostgresTestServer database, boolean ownsDatabase, String jdbcUrl,
      Path workDirectory, boolean deleteWorkDirectory) {
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.jdbcUrl = jdbcUrl;
    this.readyTimeout = b.readyTimeout;
    this.workDirectory = workDirectory;
    this.deleteWorkDirectory = deleteWorkDirectory;
    this.adminToken = randomToken();
    String secretKey = Base64.getEncoder().encodeToString(randomBytes(32));
    int[] httpPorts = new int[b.nodes];
    int[] remotePorts = new int[b.nodes];
    for (int i = 0; i < b.nodes; i++) {
      httpPorts[i] = Ports.freePort();
      remotePorts[i] = Ports.freePort();
    }
    // Every node is a seed: a restarted first seed then joins the others instead of founding a
    // cluster of its own next to them.
    String seeds = java.util.Arrays.stream(remotePorts).mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
    List<NodeProcessLauncher> launchers = new ArrayList<>();
    List<URI> baseUrls = new ArrayList<>();
    for (int i = 0; i < b.nodes; i++) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("SCHEDULER_DB_URL", jdbcUrl);
      env.put("SCHEDULER_DB_USER", database.user());
      env.put("SCHEDULER_DB_PASSWORD", database.password());
      env.put("SCHEDULER_SEED_NODES", seeds);
      env.put("SCHEDULER_REMOTE_HOST", "127.0.0.1");
      env.put("SCHEDULER_REMOTE_PORT", Integer.toString(remotePorts[i]));
      env.put("SCHEDULER_HTTP_HOST", "127.0.0.1");
      env.put("SCHEDULER_HTTP_PORT", Integer.toString(httpPorts[i]));
      env.put("SCHEDULER_DATA_DIR", workDirectory.resolve("node" + i).toString());
      env.put("SCHEDULER_ADMIN_TOKEN", adminToken);
      env.put("SCHEDULER_SECRET_KEY", secretKey);
      env.put("SCHEDULER_DB_POOL_SIZE", "8");
      env.putAll(b.env);
      NodeProcessLauncher launcher = new NodeProcessLauncher("node-" + i, httpPorts[i], env,
          workDirectory.resolve("node" + i + ".log"))
          .mainClass(b.mainClass)
          .classpath(b.classpath)
          .jvmArg("-Xmx" + b.heap)
          .jvmArg("-XX:+UseSerialGC")
          .jvmArg("-XX:TieredStopAtLevel=1");
      b.jvmArgs.forEach(launcher::jvmArg);
      launchers.add(launcher);
      baseUrls.add(URI.create(launcher.baseUrl()));
    }
    this.nodes = List.copyOf(launchers);
    this.urls = List.copyOf(baseUrls);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How to run the nodes; every setting has a default. */
  public static final class Builder {
    private int nodes = 3;
    private String classpath = System.getProperty("java.class.path");
    private String mainClass = NodeProcessLauncher.DEFAULT_MAIN_CLASS;
    private String heap = "256m";
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private Path workDirectory;
    private PostgresTestServer database;
    private Duration readyTimeout = Duration.ofSeconds(120);

    private Builder() {}

    public Builder nodes(int count) {
      this.nodes = count;
      return this;
    }

    public Builder classpath(String classpath) {
      this.classpath = classpath;
      return this;
    }

    public Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    /** -Xmx of each node, such as "256m". */
    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /** Added to every node's environment, such as SCHEDULER_SBR_STABLE_AFTER=3s. */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Data dirs and node logs; a temporary directory (deleted on close) when not given. */
    public Builder workDirectory(Path dir) {
      this.workDirectory = dir;
      return this;
    }

    /** A server to create the journal database on; by default a private one is started (and stopped). */
    public Builder database(PostgresTestServer server) {
      this.database = server;
      return this;
    }

    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /** Starts the database and the nodes, and waits until the nodes form one cluster. */
    public ProcessCluster start() {
      Path dir = workDirectory;
      boolean deleteDir = false;
      try {
        if (dir == null) {
          dir = Files.createTempDirectory("chaos-cluster");
          deleteDir = true;
        }
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      boolean owns = database == null;
      PostgresTestServer server = owns ? PostgresTestServer.start() : database;
      ProcessCluster cluster = null;
      try {
        String url = server.createDatabase("chaos");
        cluster = new ProcessCluster(this, server, owns, url, dir, deleteDir);
        cluster.startAll();
        return cluster;
      } catch (RuntimeException e) {
        if (cluster != null) {
          cluster.close();
        } else if (owns) {
          server.close();
        }
        throw e;
      }
    }
  }

  private void startAll() {
    nodes.forEach(NodeProcessLauncher::start);
    // Ready checks in parallel: each waits for its own node, the slowest decides.
    List<CompletableFuture<Void>> ready = nodes.stream()
        .map(n -> CompletableFuture.runAsync(() -> n.awaitReady(readyTimeout)))
        .toList();
    try {
      CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Duration took = ClusterHealth.awaitConverged(this, readyTimeout);
    LOG.info("Process cluster of {} nodes up ({} to converge after ready) on {}", nodes.size(), took, jdbcUrl);
  }

  @Override
  public List<URI> nodeUrls() {
    return urls;
  }

  @Override
  public String adminToken() {
    return adminToken;
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl;
  }

  @Override
  public String jdbcUser() {
    return database.user();
  }

  @Override
  public String jdbcPassword() {
    return database.password();
  }

  /** The node's launcher: its log, pid, exit value. */
  public NodeProcessLauncher launcher(int node) {
    return nodes.get(node);
  }

  public Path workDirectory() {
    return workDirectory;
  }

  @Override
  public void kill(int node) {
    nodes.get(node).kill();
  }

  @Override
  public void start(int node) {
    NodeProcessLauncher launcher = nodes.get(node);
    launcher.start();
    launcher.awaitReady(readyTimeout);
  }

  @Override
  public void pause(int node) {
    nodes.get(node).pause();
  }

  @Override
  public void resume(int node) {
    nodes.get(node).resume();
  }

  @Override
  public NodeState state(int node) {
    NodeProcessLauncher launcher = nodes.get(node);
    if (!launcher.isAlive()) {
      return NodeState.EXITED;
    }
    return ProcStat.isStopped(launcher.pid()) ? NodeState.PAUSED : NodeState.RUNNING;
  }

  @Override
  public Optional<String> databaseRestartUnavailable() {
    return database.port() < 0
        ? Optional.of("the journal is on an external database (" + PostgresTestServer.URL_ENV + "), which"
            + " this harness does not restart")
        : Optional.empty();
  }

  @Override
  public void restartDatabase() {
    requireRestartable();
    database.restart();
  }

  @Override
  public void stopDatabase() {
    requireRestartable();
    database.stopServer();
  }

  @Override
  public void startDatabase() {
    requireRestartable();
    database.startServer();
  }

  private void requireRestartable() {
    databaseRestartUnavailable().ifPresent(reason -> {
      throw new UnsupportedOperationException(reason);
    });
  }

  @Override
  public Optional<String> partitionUnavailable() {
    return Optional.of("ProcessCluster runs every node on 127.0.0.1, one shared loopback interface that no"
        + " route can split; a partition needs each node in a network namespace of its own, which"
        + " ScriptCluster provides in netns mode (root and ip netns)");
  }

  @Override
  public void partition(int node) {
    throw new UnsupportedOperationException(partitionUnavailable().orElseThrow());
  }

  @Override
  public void heal(int node) {
    throw new UnsupportedOperationException(partitionUnavailable().orElseThrow());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (NodeProcessLauncher node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        LOG.warn("Could not kill {}", node.name(), e);
      }
    }
    if (ownsDatabase) {
      database.close();
    }
    if (deleteWorkDirectory) {
      TestFiles.deleteRecursively(workDirectory);
    }
  }

  private static String randomToken() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  @Override
  public String toString() {
    return "ProcessCluster" + urls;
  }
}
