package dev.scheduler.harness.chaos;

import java.time.Duration;

/**
 * How fast the cluster gives up on a silent node: Pekko's failure detector (heartbeat every
 * second, unreachable after 2 s more without one), the Split Brain Resolver's stable-after
 * ({@code cluster.conf}: 3 s, {@code SCHEDULER_SBR_STABLE_AFTER}), and the removal margin (1 s):
 * the shard coordinator and the downed node's shards move only after it. Shard leases in
 * PostgreSQL, not a long margin, keep the old node's shards from running beside the new ones
 * (issue 13; before it, stable-after and the margin were 7 s each and a killed node's hosts could
 * book again after about 21 s).
 */
public record ClusterTimings(Duration heartbeatInterval, Duration acceptableHeartbeatPause,
    Duration sbrStableAfter, Duration removalMargin, Duration margin) {

  /** The node's shipped configuration, with 10 s for hand-over and recovery on top. */
  public static final ClusterTimings DEFAULTS = new ClusterTimings(Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10));

  public ClusterTimings withSbrStableAfter(Duration stableAfter) {
    return new ClusterTimings(heartbeatInterval, acceptableHeartbeatPause, stableAfter, removalMargin, margin);
  }

  /** By then the others have marked a silent node unreachable and the resolver has downed it. */
  public Duration downingAfter() {
    return heartbeatInterval.plus(acceptableHeartbeatPause).plus(sbrStableAfter);
  }

  /** By then the downed node is removed and its singletons and shards have moved. */
  public Duration takeoverAfter() {
    return downingAfter().plus(removalMargin);
  }

  /**
   * How long to hold a dead, frozen or cut-off node so that the resolver must act and the
   * survivors take over before the fault ends: {@link #takeoverAfter()} plus the margin (17 s).
   */
  public Duration beyondDowning() {
    return takeoverAfter().plus(margin);
  }
}
