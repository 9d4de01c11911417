/**
 * Chaos levers for the load harness: control a three-node cluster, inject faults, and time how
 * long until every host can book again.
 *
 * <ul>
 *   <li>{@link dev.scheduler.harness.chaos.ClusterControl}: kill -9, start, SIGSTOP/SIGCONT a node,
 *       restart PostgreSQL, partition a node. {@link dev.scheduler.harness.chaos.ScriptCluster}
 *       drives {@code deploy/local-cluster.sh} (partitions in its netns mode);
 *       {@link dev.scheduler.harness.chaos.ProcessCluster} runs the nodes from a JVM's classpath on
 *       a private PostgreSQL, for JUnit (no partitions: loopback only).
 *   <li>{@link dev.scheduler.harness.chaos.Fault}: {@link dev.scheduler.harness.chaos.KillNode},
 *       {@link dev.scheduler.harness.chaos.RestartDatabase},
 *       {@link dev.scheduler.harness.chaos.PauseNode},
 *       {@link dev.scheduler.harness.chaos.PartitionNode}; {@link dev.scheduler.harness.chaos.Faults}
 *       plans the four and says which this cluster cannot do;
 *       {@link dev.scheduler.harness.chaos.ClusterTimings} holds them beyond the resolver.
 *   <li>{@link dev.scheduler.harness.chaos.RecoveryProbe}: books a fresh slot per host until each
 *       one succeeds; {@link dev.scheduler.harness.chaos.FaultRunner} runs a fault with a probe
 *       watching from the injection and another after the heal.
 *   <li>{@link dev.scheduler.harness.chaos.ChaosDrill}: the four faults once, by hand, without load.
 * </ul>
 */
package dev.scheduler.harness.chaos;
