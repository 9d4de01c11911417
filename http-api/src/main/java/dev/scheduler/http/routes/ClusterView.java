package dev.scheduler.http.routes;

import dev.scheduler.http.json.ClusterJson;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Reads the cluster's members (with who cannot reach whom), the split-brain resolver's settings and
 * state, and the shard regions of every entity type with their entity counts.
 */
public final class ClusterView {
  private static final List<EntityTypeKey<?>> ENTITY_TYPES =
      List.of(HostCalendarEntityKey.ENTITY_KEY, ConnectionEntityKey.ENTITY_KEY);

  private final ActorSystem<?> system;
  private final Duration timeout;

  public ClusterView(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public CompletionStage<ClusterJson> current() {
    List<CompletableFuture<List<ClusterJson.ShardRegion>>> regions = ENTITY_TYPES.stream()
        .map(key -> regionsOf(key).toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(regions.toArray(CompletableFuture[]::new)).thenApply(done -> describe(
        regions.stream().flatMap(r -> r.join().stream())
            .sorted(Comparator.comparing(ClusterJson.ShardRegion::entityType).thenComparing(ClusterJson.ShardRegion::address))
            .toList()));
  }

  /** Whether the text parses as a cluster address at all (else the request is malformed, not unknown). */
  static boolean isAddress(String text) {
    try {
      return AddressFromURIString.parse(text).hasGlobalScope();
    } catch (Exception malformed) { // Scala throws java.net.MalformedURLException without declaring it
      return false;
    }
  }

  private CompletionStage<List<ClusterJson.ShardRegion>> regionsOf(EntityTypeKey<?> key) {
    CompletionStage<ShardRegion.ClusterShardingStats> stats = AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        replyTo -> new GetClusterShardingStats(key, timeout, replyTo),
        timeout.plusSeconds(1),
        system.scheduler());
    return stats.thenApply(s -> {
      List<ClusterJson.ShardRegion> regions = new ArrayList<>();
      s.getRegions().forEach((address, region) -> {
        Map<String, Integer> byShard = new TreeMap<>();
        region.getStats().forEach((shard, count) -> byShard.put(shard, ((Number) count).intValue()));
        int entities = byShard.values().stream().mapToInt(Integer::intValue).sum();
        regions.add(new ClusterJson.ShardRegion(address.toString(), key.name(), byShard.size(), entities, byShard));
      });
      return regions;
    });
  }

  private ClusterJson describe(List<ClusterJson.ShardRegion> regions) {
    Cluster cluster = Cluster.get(system);
    var state = cluster.state();
    Map<String, List<String>> observers = ReachabilityTable.observersByUnreachable(system);
    List<ClusterJson.Member> members = StreamSupport.stream(state.getMembers().spliterator(), false)
        .sorted(Comparator.comparing(m -> m.address().toString()))
        .map(m -> member(m, !state.getUnreachable().contains(m),
            observers.getOrDefault(m.address().toString(), List.of())))
        .toList();
    String leader = state.getLeader() == null ? null : state.getLeader().toString();
    int unreachable = (int) members.stream().filter(m -> !m.unreachableBy().isEmpty() || !m.reachable()).count();
    var sbr = system.settings().config().getConfig("pekko.cluster.split-brain-resolver");
    return new ClusterJson(cluster.selfMember().address().toString(), leader, members, regions,
        new ClusterJson.SplitBrainResolver(sbr.getString("active-strategy"),
            sbr.getDuration("stable-after").toMillis() + " ms", unreachable == 0 ? "stable" : "deciding",
            unreachable));
  }

  private static ClusterJson.Member member(Member m, boolean reachable, List<String> unreachableBy) {
    List<String> roles = new ArrayList<>();
    m.getRoles().forEach(roles::add);
    roles.sort(String::compareTo);
    return new ClusterJson.Member(m.address().toString(), m.status().toString(), roles, reachable, unreachableBy);
  }
}
