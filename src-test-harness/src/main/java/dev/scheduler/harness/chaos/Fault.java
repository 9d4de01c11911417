package dev.scheduler.harness.chaos;

import java.time.Duration;

/**
 * One fault of a chaos run: {@link #inject} breaks something, the run waits {@link #hold()}
 * (under load), then {@link #heal} repairs it and waits until the cluster is whole again: three
 * nodes ready, each seeing three members Up. Nodes in names are numbered from 1 like the script's
 * node1..node3 (index 0 is node1).
 */
public interface Fault {

  /** Such as "kill -9 node2"; for reports. */
  String name();

  /** How long the fault stays in place between inject and heal. */
  Duration hold();

  void inject(ClusterControl cluster);

  /**
   * Repairs, restarts whatever exited meanwhile, and waits for the whole cluster; returns what it
   * saw (for the report), such as "node2 was downed and exited 3.1 s after SIGCONT; restarted".
   * Throws when the cluster does not come back together.
   */
  String heal(ClusterControl cluster);

  static String label(int node) {
    return "node" + (node + 1);
  }
}
