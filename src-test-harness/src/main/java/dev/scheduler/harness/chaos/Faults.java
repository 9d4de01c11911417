package dev.scheduler.harness.chaos;

import java.util.ArrayList;
import java.util.List;

/** The four faults, in its order, with those this cluster cannot do left out and said why. */
public final class Faults {
  private Faults() {}

  /** The faults to run, and for each one left out a sentence for the report. */
  public record Plan(List<Fault> faults, List<String> skipped) {}

  /**
   * kill -9 and restart, restart PostgreSQL, pause beyond the resolver, partition beyond the
   * resolver; each node fault hits {@code victim} (an index, 0 for node1).
   */
  public static Plan standard(ClusterControl cluster, ClusterTimings timings, int victim) {
    List<Fault> faults = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    faults.add(new KillNode(victim, timings));
    cluster.databaseRestartUnavailable().ifPresentOrElse(
        reason -> skipped.add("restart PostgreSQL: not run, " + reason),
        () -> faults.add(new RestartDatabase()));
    faults.add(new PauseNode(victim, timings));
    cluster.partitionUnavailable().ifPresentOrElse(
        reason -> skipped.add("partition " + Fault.label(victim) + ": not run, " + reason),
        () -> faults.add(new PartitionNode(victim, timings)));
    return new Plan(List.copyOf(faults), List.copyOf(skipped));
  }
}
