/**
 * Shared test utilities for the scheduler's modules.
 *
 * <ul>
 *   <li>{@link dev.scheduler.harness.PostgresTestServer}: a real PostgreSQL. {@code shared()} gives one
 *       per JVM; {@code createDatabase("prefix")} a fresh database per test or per node. Set
 *       {@code SCHEDULER_TEST_DB_URL} (and {@code _USER}, {@code _PASSWORD}) to use an existing server;
 *       {@code -Dscheduler.test.postgres=installed|embedded|auto} picks how a private one is started.
 *   <li>{@link dev.scheduler.harness.SchedulerApiClient}: the node's REST API, answers as
 *       {@link dev.scheduler.harness.ApiResponse} whatever the status.
 *   <li>{@link dev.scheduler.harness.NodeProcessLauncher}: a node as a separate OS process that can be
 *       stopped, killed with -9, or frozen with SIGSTOP.
 *   <li>{@link dev.scheduler.harness.Ports}: free loopback ports for nodes' HTTP and remoting.
 * </ul>
 */
package dev.scheduler.harness;
