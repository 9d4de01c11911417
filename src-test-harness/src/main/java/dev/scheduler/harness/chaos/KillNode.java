package dev.scheduler.harness.chaos;

import java.time.Duration;

/** kill -9 one node, keep it dead for a while (the survivors take over its shards), start it again. */
public final class KillNode implements Fault {
  private final int node;
  private final Duration downtime;
  private final Duration settleTimeout;

  /** @param downtime how long the node stays dead; beyond the resolver's downing the survivors must act */
  public KillNode(int node, Duration downtime, Duration settleTimeout) {
    this.node = node;
    this.downtime = downtime;
    this.settleTimeout = settleTimeout;
  }

  public KillNode(int node, ClusterTimings timings) {
    this(node, timings.beyondDowning(), Duration.ofSeconds(120));
  }

  @Override
  public String name() {
    return "kill -9 " + Fault.label(node);
  }

  @Override
  public Duration hold() {
    return downtime;
  }

  @Override
  public void inject(ClusterControl cluster) {
    cluster.kill(node);
  }

  @Override
  public String heal(ClusterControl cluster) {
    long started = System.nanoTime();
    cluster.start(node);
    double ready = NodeRecovery.seconds(started);
    Duration whole = ClusterHealth.awaitConverged(cluster, settleTimeout);
    return String.format("%s started again (ready in %.1f s); cluster whole %.1f s later",
        Fault.label(node), ready, whole.toMillis() / 1000.0);
  }
}
