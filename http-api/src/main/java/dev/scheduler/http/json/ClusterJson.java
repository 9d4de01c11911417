package dev.scheduler.http.json;

import java.util.List;
import java.util.Map;

/** JSON shape of the admin view of the cluster, as the answering node sees it. */
public record ClusterJson(String selfAddress, String leader, List<Member> members, List<ShardRegion> shardRegions,
    SplitBrainResolver splitBrainResolver) {

  /**
   * {@code reachable}: as the answering node sees the member; {@code unreachableBy}: the members
   * whose failure detector marks it unreachable, from the cluster's gossip (empty when all reach it).
   */
  public record Member(String address, String status, List<String> roles, boolean reachable,
      List<String> unreachableBy) {}

  /** One node's region of an entity type: entities per shard and their total. */
  public record ShardRegion(String address, String entityType, int shards, int entities, Map<String, Integer> entitiesByShard) {}

  /**
   * The downing strategy and what it is doing: {@code stable} while every member is reachable;
   * {@code deciding} while some are not (after {@code stableAfter} without change the side that keeps
   * the majority downs the other). {@code leader} acts on the decision.
   */
  public record SplitBrainResolver(String strategy, String stableAfter, String state, int unreachableMembers) {}

  /** The body of {@code POST /api/v1/admin/cluster/leave}. */
  public record LeaveRequest(String address) {}

  /** The answer of {@code POST /api/v1/admin/cluster/leave}. */
  public record Leaving(String address, String status) {}
}
