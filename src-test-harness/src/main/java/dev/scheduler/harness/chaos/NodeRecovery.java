package dev.scheduler.harness.chaos;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a pause or a partition ends, the node either carries on as a member (the resolver had not
 * acted yet) or learns it was downed and exits (exit-jvm is on). This waits for one or the other,
 * starts an exited node again, and waits until the cluster is whole.
 */
final class NodeRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRecovery.class);

  private NodeRecovery() {}

  static String settle(ClusterControl cluster, int node, Duration timeout) {
    String label = Fault.label(node);
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    String last = "not checked";
    boolean exitedDuringFault = cluster.state(node) == NodeState.EXITED;
    while (System.nanoTime() < deadline) {
      if (cluster.state(node) == NodeState.EXITED) {
        double exitedAfter = seconds(started);
        long restart = System.nanoTime();
        cluster.start(node);
        double startedIn = seconds(restart);
        Duration converged = ClusterHealth.awaitConverged(cluster, remainingOrHalfAMinute(deadline));
        String exited = exitedDuringFault ? label + " was downed and had exited before the fault ended"
            : String.format("%s was downed and exited %.1f s after the fault ended", label, exitedAfter);
        return String.format("%s; started again (ready in %.1f s); cluster whole %.1f s later", exited,
            startedIn, converged.toMillis() / 1000.0);
      }
      Optional<String> problems = ClusterHealth.notConverged(cluster);
      if (problems.isEmpty()) {
        return String.format("%s stayed a member (not downed); cluster whole %.1f s after the fault ended",
            label, seconds(started));
      }
      last = problems.get();
      Sleep.millis(250);
    }
    // Neither rejoined nor exited: a zombie member. Report it, then clear it so the run can go on.
    LOG.warn("{} neither rejoined nor exited within {} ({}); killing and restarting it", label, timeout, last);
    cluster.kill(node);
    cluster.start(node);
    ClusterHealth.awaitConverged(cluster, timeout);
    return String.format("STUCK: %s neither rejoined nor exited within %d s (%s); killed -9 and restarted",
        label, timeout.toSeconds(), last);
  }

  /** What is left of the settle time, but at least 30 s for a node that was only just started. */
  private static Duration remainingOrHalfAMinute(long deadline) {
    return Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(30).toNanos()));
  }

  static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
