package dev.scheduler.node.config;

import com.typesafe.config.Config;
import java.util.Locale;

/**
 * {@code scheduler.management}: whether Pekko Management serves health checks on a port of its own,
 * and how the node finds the rest of its cluster. See management.conf and docs/kubernetes.md.
 */
public record ManagementSettings(boolean enabled, Bootstrap bootstrap) {

  /** How the node joins a cluster. */
  public enum Bootstrap {
    /** {@code scheduler.seed-nodes}; none: the node founds a cluster of its own. */
    SEED_NODES,
    /** Pekko Cluster Bootstrap over the Kubernetes API's pod list. */
    KUBERNETES
  }

  public static ManagementSettings from(Config scheduler) {
    Config management = scheduler.getConfig("management");
    Bootstrap bootstrap = bootstrap(management.getString("cluster-bootstrap"));
    // Bootstrap finds its peers through their management ports: it cannot run without one.
    return new ManagementSettings(management.getBoolean("enabled") || bootstrap != Bootstrap.SEED_NODES, bootstrap);
  }

  private static Bootstrap bootstrap(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "", "seed-nodes" -> Bootstrap.SEED_NODES;
      case "kubernetes", "kubernetes-api" -> Bootstrap.KUBERNETES;
      default -> throw new IllegalArgumentException(
          "SCHEDULER_CLUSTER_BOOTSTRAP must be seed-nodes or kubernetes, not " + value);
    };
  }

  public boolean bootstrapsFromKubernetes() {
    return bootstrap == Bootstrap.KUBERNETES;
  }
}
