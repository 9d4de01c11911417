package dev.scheduler.harness.chaos;

import java.time.Duration;

/**
 * SIGSTOP one node for longer than the failure detector and the resolver's stable-after allow,
 * then SIGCONT. The others down it meanwhile; on waking it learns so and exits (exit-jvm), and the
 * heal starts it again. Should it wake and carry on as a member, the heal reports that instead.
 */
public final class PauseNode implements Fault {
  private final int node;
  private final Duration pause;
  private final Duration settleTimeout;

  public PauseNode(int node, Duration pause, Duration settleTimeout) {
    this.node = node;
    this.pause = pause;
    this.settleTimeout = settleTimeout;
  }

  /** Paused for {@link ClusterTimings#beyondDowning()}. */
  public PauseNode(int node, ClusterTimings timings) {
    this(node, timings.beyondDowning(), Duration.ofSeconds(120));
  }

  @Override
  public String name() {
    return "pause " + Fault.label(node) + " for " + pause.toSeconds() + " s";
  }

  @Override
  public Duration hold() {
    return pause;
  }

  @Override
  public void inject(ClusterControl cluster) {
    cluster.pause(node);
  }

  @Override
  public String heal(ClusterControl cluster) {
    cluster.resume(node);
    return NodeRecovery.settle(cluster, node, settleTimeout);
  }
}
