package dev.scheduler.harness.chaos;

import java.time.Duration;

/**
 * How fast the cluster gives up on a silent node: Pekko's failure detector (heartbeat every
 * second, unreachable after 3 s without one), the Split Brain Resolver's stable-after
 * ({@code cluster.conf}: 7 s, {@code SCHEDULER_SBR_STABLE_AFTER}), and the removal margin, which
 * with the resolver on defaults to stable-after again: singletons such as the shard coordinator
 * move only after it. Measured by hand with a killed node that held the coordinator: unreachable
 * after 4 s, downed after 11.4 s, every host bookable again after 21.4 s.
 */
public record ClusterTimings(Duration heartbeatInterval, Duration acceptableHeartbeatPause,
    Duration sbrStableAfter, Duration margin) {

  /** The node's shipped configuration, with 10 s for hand-over and recovery on top. */
  public static final ClusterTimings DEFAULTS = new ClusterTimings(
      Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7), Duration.ofSeconds(10));

  public ClusterTimings withSbrStableAfter(Duration stableAfter) {
    return new ClusterTimings(heartbeatInterval, acceptableHeartbeatPause, stableAfter, margin);
  }

  /** By then the others have marked a silent node unreachable and the resolver has downed it. */
  public Duration downingAfter() {
    return heartbeatInterval.plus(acceptableHeartbeatPause).plus(sbrStableAfter);
  }

  /** By then the downed node is removed and its singletons have moved (removal margin = stable-after). */
  public Duration takeoverAfter() {
    return downingAfter().plus(sbrStableAfter);
  }

  /**
   * How long to hold a dead, frozen or cut-off node so that the resolver must act and the
   * survivors take over before the fault ends: {@link #takeoverAfter()} plus the margin (28 s).
   */
  public Duration beyondDowning() {
    return takeoverAfter().plus(margin);
  }
}
