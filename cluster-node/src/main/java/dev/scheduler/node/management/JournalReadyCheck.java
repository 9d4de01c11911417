package dev.scheduler.node.management;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Readiness on the management port ({@code /ready}): the node is an Up member and a query through
 * the shared journal pool comes back in time, as {@code /health/ready} on the API port. Named in
 * management.conf; Pekko Management creates it with the actor system.
 */
public final class JournalReadyCheck implements Supplier<CompletionStage<Boolean>> {
  private final NodeHealthRegistry registry;

  public JournalReadyCheck(ActorSystem system) {
    this.registry = NodeHealthRegistry.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return registry.health()
        .map(health -> health.isReady())
        .orElseGet(() -> CompletableFuture.completedFuture(false));
  }
}
