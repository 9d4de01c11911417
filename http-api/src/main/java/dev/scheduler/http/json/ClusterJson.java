package dev.scheduler.http.json;

import java.util.List;
import java.util.Map;

/** JSON shape of the admin view of the cluster. */
public record ClusterJson(String selfAddress, String leader, List<Member> members, List<ShardRegion> shardRegions) {

  public record Member(String address, String status, List<String> roles, boolean reachable) {}

  /** One node's region of an entity type: entities per shard and their total. */
  public record ShardRegion(String address, String entityType, int shards, int entities, Map<String, Integer> entitiesByShard) {}
}
