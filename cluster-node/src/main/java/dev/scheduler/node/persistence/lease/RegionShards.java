package dev.scheduler.node.persistence.lease;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;

/**
 * Which shards this node's regions run now, asked of the regions themselves. Pekko's shard never
 * releases its lease when it stops (handed off to another node, or passivated away), so the
 * keeper asks here which of its leases still have a shard behind them.
 *
 * <p>Lease names are Pekko's: {@code <system>-shard-<type name>-<shard id>}.
 */
final class RegionShards implements HostedShards {
  // Longer than the region's own wait for its shards (shard-region-query-timeout, 3 s).
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem system;
  private final String prefix;

  RegionShards(ActorSystem system) {
    this.system = system;
    this.prefix = system.name() + "-shard-";
  }

  @Override
  public CompletionStage<Set<String>> among(Set<String> leaseNames) {
    Map<String, Set<String>> leasesByType = new HashMap<>();
    Set<String> hosted = ConcurrentHashMap.newKeySet();
    for (String name : leaseNames) {
      Optional<String> type = typeName(name);
      if (type.isPresent()) {
        leasesByType.computeIfAbsent(type.get(), t -> new HashSet<>()).add(name);
      } else {
        hosted.add(name);
      }
    }
    CompletableFuture<?>[] asks = leasesByType.entrySet().stream()
        .map(type -> runningShards(type.getKey()).thenAccept(running -> type.getValue().stream()
            .filter(name -> running.isEmpty() || running.get().contains(shardId(name)))
            .forEach(hosted::add)))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(asks).thenApply(done -> Set.copyOf(hosted));
  }

  // Empty when the region did not answer; shards that did not answer their region count as running.
  private CompletableFuture<Optional<Set<String>>> runningShards(String typeName) {
    try {
      ActorRef region = ClusterSharding.get(system).shardRegion(typeName);
      // The stats answer (entity counts per shard), not the state one: no entity ids to collect.
      return Patterns.ask(region, ShardRegion.getRegionStatsInstance(), ASK_TIMEOUT).toCompletableFuture()
          .thenApply(answer -> {
            ShardRegion.ShardRegionStats stats = (ShardRegion.ShardRegionStats) answer;
            Set<String> running = new HashSet<>(stats.getFailed());
            running.addAll(stats.getStats().keySet());
            return Optional.of(running);
          })
          .exceptionally(failure -> Optional.empty());
    } catch (RuntimeException noSuchRegion) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  private Optional<String> typeName(String leaseName) {
    int lastDash = leaseName.lastIndexOf('-');
    if (!leaseName.startsWith(prefix) || lastDash <= prefix.length()) {
      return Optional.empty();
    }
    return Optional.of(leaseName.substring(prefix.length(), lastDash));
  }

  private static String shardId(String leaseName) {
    return leaseName.substring(leaseName.lastIndexOf('-') + 1);
  }
}
