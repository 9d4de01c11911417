package dev.scheduler.node.persistence.lease;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.coordination.lease.LeaseSettings;
import org.apache.pekko.coordination.lease.javadsl.Lease;

/**
 * The lease a shard must hold before it starts any entity (Pekko's {@code use-lease}), kept in
 * PostgreSQL by the node's {@link LeaseKeeper}. It fences a host's single writer: a shard moving
 * to a survivor starts only once the old node has released its row or the row has expired, which
 * the old node notices first and stops the shard. So the survivors need not wait a fixed removal
 * margin "in case the other side is still running".
 *
 * <p>Created by Pekko's lease provider, by class name, once per shard and node.
 */
public final class ShardLease extends Lease {
  private final LeaseSettings settings;
  private final LeaseKeeper keeper;

  public ShardLease(LeaseSettings settings, ExtendedActorSystem system) {
    this.settings = settings;
    this.keeper = LeaseKeeper.get(system);
  }

  @Override
  public LeaseSettings getSettings() {
    return settings;
  }

  @Override
  public CompletionStage<Boolean> acquire() {
    return keeper.acquire(settings.leaseName(), lost -> { });
  }

  @Override
  public CompletionStage<Boolean> acquire(Consumer<Optional<Throwable>> leaseLostCallback) {
    return keeper.acquire(settings.leaseName(), leaseLostCallback);
  }

  @Override
  public CompletionStage<Boolean> release() {
    return keeper.release(settings.leaseName());
  }

  @Override
  public boolean checkLease() {
    return keeper.holds(settings.leaseName());
  }
}
