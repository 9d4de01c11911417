package dev.scheduler.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.scheduler.node.domain.HostLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The node's own settings, read once at start from the {@code scheduler} section. */
public record NodeSettings(
    Path dataDir,
    String httpHost,
    int httpPort,
    Duration askTimeout,
    int httpMaxInFlight,
    String adminToken,
    String secretKey,
    DatabaseSettings database,
    List<String> seedNodes,
    ManagementSettings management,
    HostLimits hostLimits) {

  public static final String SYSTEM_NAME = "scheduler";

  public static NodeSettings from(Config config) {
    Config scheduler = config.getConfig("scheduler");
    Path dataDir = Path.of(scheduler.getString("data-dir")).toAbsolutePath().normalize();
    List<String> seeds = Arrays.stream(scheduler.getString("seed-nodes").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
    ManagementSettings management = ManagementSettings.from(scheduler);
    if (management.bootstrapsFromKubernetes() && !seeds.isEmpty()) {
      throw new IllegalArgumentException("SCHEDULER_SEED_NODES must be empty with SCHEDULER_CLUSTER_BOOTSTRAP="
          + "kubernetes: the cluster is formed from the pods the Kubernetes API lists");
    }
    return new NodeSettings(
        dataDir,
        scheduler.getString("http.host"),
        scheduler.getInt("http.port"),
        scheduler.getDuration("ask-timeout"),
        scheduler.getInt("http.max-in-flight"),
        scheduler.getString("admin-token").trim(),
        scheduler.getString("secret-key").trim(),
        DatabaseSettings.from(scheduler, dataDir),
        seeds,
        management,
        hostLimits(scheduler));
  }

  private static HostLimits hostLimits(Config scheduler) {
    Config limits = scheduler.getConfig("limits");
    return new HostLimits(
        limits.getInt("busy-sources-per-host"),
        limits.getInt("busy-intervals-per-source"),
        limits.getInt("event-types-per-host"),
        limits.getInt("active-bookings-per-host"),
        limits.getInt("finished-bookings-kept"),
        limits.getDuration("finished-booking-retention"),
        scheduler.getDuration("booking-token-lifetime"));
  }

  public boolean clusterMode() {
    return database.kind() == DatabaseSettings.Kind.POSTGRES;
  }

  /**
   * How long a stopping node keeps answering requests it has taken: the longest a request can wait
   * for an entity (the ask timeout), plus time to write its answer.
   */
  public Duration httpDrainTimeout() {
    return askTimeout.plusSeconds(2);
  }

  /**
   * The shutdown phase that waits for requests in flight must outlast the drain, or Pekko cuts it
   * short (its default phase timeout is 5 s, as long as the default ask timeout).
   */
  public Config shutdownConfig() {
    return ConfigFactory.empty().withValue("pekko.coordinated-shutdown.phases.service-requests-done.timeout",
        ConfigValueFactory.fromAnyRef(httpDrainTimeout().plusSeconds(3).toMillis() + " ms"));
  }

  /**
   * Whether this node joins itself at start: it has no seed nodes to join and no bootstrap to find
   * its cluster through the Kubernetes API.
   */
  public boolean foundsItsOwnCluster() {
    return seedNodes.isEmpty() && !management.bootstrapsFromKubernetes();
  }

  /** Seed nodes as Pekko addresses; a node with none joins itself (or bootstraps). */
  public Config seedNodeConfig() {
    List<String> addresses = seedNodes.stream()
        .map(hostPort -> hostPort.startsWith("pekko://") ? hostPort : "pekko://" + SYSTEM_NAME + "@" + hostPort)
        .toList();
    return ConfigFactory.empty().withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(addresses));
  }

  @Override
  public String toString() {
    return "NodeSettings[dataDir=" + dataDir + ", http=" + httpHost + ":" + httpPort + ", database="
        + database.describe() + ", seedNodes=" + seedNodes + ", management=" + management + "]";
  }
}
