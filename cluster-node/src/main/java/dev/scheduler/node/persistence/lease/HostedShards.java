package dev.scheduler.node.persistence.lease;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which of the given shard leases still have a running shard on this node. A lease whose shard
 * cannot be asked about counts as running: only a shard known to be gone gives its lease up.
 */
interface HostedShards {
  CompletionStage<Set<String>> among(Set<String> leaseNames);

  /** For a keeper whose leases stay until released (tests of the table alone). */
  HostedShards ALL = names -> CompletableFuture.completedFuture(names);
}
