package dev.scheduler.harness.chaos;

import java.time.Duration;

/**
 * Cuts one node off the other two (clients and PostgreSQL still reach it) for longer than the
 * resolver allows, then mends the cut. Keep-majority downs the lone node on both sides: the
 * majority downs it, and it downs itself and exits; the heal starts it again.
 */
public final class PartitionNode implements Fault {
  private final int node;
  private final Duration hold;
  private final Duration settleTimeout;

  public PartitionNode(int node, Duration hold, Duration settleTimeout) {
    this.node = node;
    this.hold = hold;
    this.settleTimeout = settleTimeout;
  }

  public PartitionNode(int node, ClusterTimings timings) {
    this(node, timings.beyondDowning(), Duration.ofSeconds(120));
  }

  @Override
  public String name() {
    return "partition " + Fault.label(node) + " for " + hold.toSeconds() + " s";
  }

  @Override
  public Duration hold() {
    return hold;
  }

  @Override
  public void inject(ClusterControl cluster) {
    cluster.partition(node);
  }

  @Override
  public String heal(ClusterControl cluster) {
    cluster.heal(node);
    return NodeRecovery.settle(cluster, node, settleTimeout);
  }
}
