/**
 * Running servers as OS processes of their own, for tests and the chaos tools.
 *
 * <ul>
 *   <li>{@link dev.scheduler.harness.process.NodeProcessLauncher}: a node as a separate OS process
 *       that can be stopped, killed with -9, or frozen with SIGSTOP.
 *   <li>{@link dev.scheduler.harness.process.Ports}: free loopback ports for nodes' HTTP and remoting.
 *   <li>{@link dev.scheduler.harness.process.TestFiles}: deleting work directories and reading the end
 *       of a log.
 * </ul>
 */
package dev.scheduler.harness.process;
