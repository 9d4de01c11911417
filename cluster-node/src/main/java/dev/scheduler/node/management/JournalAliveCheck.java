package dev.scheduler.node.management;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Liveness on the management port ({@code /alive}): not alive once the journal has failed every
 * probe for longer than {@code scheduler.health.journal-outage-limit}, as {@code /health/alive} on
 * the API port, so that Kubernetes replaces the node; a shorter outage costs only readiness.
 * A node still starting (nothing registered yet) is alive.
 */
public final class JournalAliveCheck implements Supplier<CompletionStage<Boolean>> {
  private final NodeHealthRegistry registry;

  public JournalAliveCheck(ActorSystem system) {
    this.registry = NodeHealthRegistry.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(registry.health().map(health -> health.isAlive()).orElse(true));
  }
}
