package dev.scheduler.protocol.admin;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What the admin console asks of the cluster beyond its view: every node's stats, and a member's leave. */
public interface ClusterOperations {
  /** No cluster to ask (route tests): no stats, no member to leave. */
  ClusterOperations NONE = new ClusterOperations() {
    @Override
    public CompletionStage<List<NodeStats>> gather() {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public Optional<String> leave(String address) {
      return Optional.empty();
    }
  };

  /**
   * Every reachable node's {@link NodeStats}. A node that does not answer in time is left out: the
   * console shows it by its absence next to the member list.
   */
  CompletionStage<List<NodeStats>> gather();

  /**
   * Asks the member at {@code address} to leave gracefully (its shards hand over first); empty when
   * no member of the cluster has that address.
   */
  Optional<String> leave(String address);
}
