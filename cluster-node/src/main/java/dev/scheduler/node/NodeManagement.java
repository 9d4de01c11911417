package dev.scheduler.node;

import dev.scheduler.node.config.ManagementSettings;
import dev.scheduler.node.management.NodeHealthRegistry;
import dev.scheduler.protocol.NodeHealth;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pekko Management for one node, when configured (management.conf): {@code /alive} and
 * {@code /ready} backed by the node's journal watch and its membership, on a port of its own, and
 * Cluster Bootstrap through the Kubernetes API when that is how the node finds its cluster. The
 * server stops with the actor system. Part of the assembly: it binds an HTTP server.
 */
public final class NodeManagement {
  private static final Logger LOG = LoggerFactory.getLogger(NodeManagement.class);
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

  private NodeManagement() {}

  /**
   * Starts what the settings ask for and waits until the management port is bound (a port taken
   * fails the node's start, as the API port does).
   *
   * @return the bound management port, empty when management is off
   */
  public static OptionalInt start(ActorSystem<?> system, ManagementSettings settings, NodeHealth health)
      throws Exception {
    NodeHealthRegistry.get(system).register(health);
    if (!settings.enabled()) {
      return OptionalInt.empty();
    }
    var uri = PekkoManagement.get(system).start().toCompletableFuture()
        .get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Management (/alive, /ready) at {}", uri);
    if (settings.bootstrapsFromKubernetes()) {
      LOG.info("Forming or joining the cluster through Cluster Bootstrap ({} discovery)", system.settings().config()
          .getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
      ClusterBootstrap.get(system).start();
    }
    return OptionalInt.of(uri.port());
  }
}
