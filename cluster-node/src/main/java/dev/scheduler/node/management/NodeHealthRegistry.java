package dev.scheduler.node.management;

import dev.scheduler.protocol.NodeHealth;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * The node's one {@link NodeHealth} (its journal watch), where the management health checks find
 * it: Pekko Management creates them by class name with nothing but the actor system. One per
 * actor system, so several nodes in one test JVM each answer for themselves.
 */
public final class NodeHealthRegistry implements Extension {
  private static final Id ID = new Id();

  private final AtomicReference<NodeHealth> health = new AtomicReference<>();

  private NodeHealthRegistry() {}

  public static NodeHealthRegistry get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  public void register(NodeHealth nodeHealth) {
    if (!health.compareAndSet(null, nodeHealth)) {
      throw new IllegalStateException("The node's health is registered already");
    }
  }

  /** Empty until the node has registered it: the checks then answer not ready. */
  Optional<NodeHealth> health() {
    return Optional.ofNullable(health.get());
  }

  private static final class Id extends AbstractExtensionId<NodeHealthRegistry> {
    @Override
    public NodeHealthRegistry createExtension(ExtendedActorSystem system) {
      return new NodeHealthRegistry();
    }
  }
}
