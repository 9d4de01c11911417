package dev.scheduler.http.routes;

import dev.scheduler.protocol.api.ClusterJson;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

/** Reads the cluster's members and the host-calendar shard regions with their entity counts. */
public final class ClusterView {
  private final ActorSystem<?> system;
  private final Duration timeout;

  public ClusterView(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public CompletionStage<ClusterJson> current() {
    CompletionStage<ShardRegion.ClusterShardingStats> stats = AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        replyTo -> new GetClusterShardingStats(HostCalendarEntityKey.ENTITY_KEY, timeout, replyTo),
        timeout.plusSeconds(1),
        system.scheduler());
    return stats.thenApply(this::describe);
  }

  private ClusterJson describe(ShardRegion.ClusterShardingStats stats) {
    Cluster cluster = Cluster.get(system);
    var state = cluster.state();
    List<ClusterJson.Member> members = StreamSupport.stream(state.getMembers().spliterator(), false)
        .sorted(Comparator.comparing(m -> m.address().toString()))
        .map(m -> member(m, !state.getUnreachable().contains(m)))
        .toList();
    List<ClusterJson.ShardRegion> regions = new ArrayList<>();
    stats.getRegions().forEach((address, region) -> {
      Map<String, Integer> byShard = new TreeMap<>();
      region.getStats().forEach((shard, count) -> byShard.put(shard, ((Number) count).intValue()));
      int entities = byShard.values().stream().mapToInt(Integer::intValue).sum();
      regions.add(new ClusterJson.ShardRegion(address.toString(), HostCalendarEntityKey.ENTITY_KEY.name(),
          byShard.size(), entities, byShard));
    });
    regions.sort(Comparator.comparing(ClusterJson.ShardRegion::address));
    String leader = state.getLeader() == null ? null : state.getLeader().toString();
    return new ClusterJson(cluster.selfMember().address().toString(), leader, members, regions);
  }

  private static ClusterJson.Member member(Member m, boolean reachable) {
    List<String> roles = new ArrayList<>();
    m.getRoles().forEach(roles::add);
    roles.sort(String::compareTo);
    return new ClusterJson.Member(m.address().toString(), m.status().toString(), roles, reachable);
  }
}
