/**
 * The scheduler's test harness: shared test utilities for the other modules' tests, and the load
 * harness ({@code target/harness.jar}). Each room is a package of its own:
 *
 * <ul>
 *   <li>{@link dev.scheduler.harness.load}: open-loop load against anything that speaks the API, with
 *       latency histograms and a client ledger per run.
 *   <li>{@link dev.scheduler.harness.audit}: judges a run from what the system stored against what its
 *       clients were told.
 *   <li>{@link dev.scheduler.harness.baseline}: the same API served straight from PostgreSQL, once per
 *       double-booking prevention, to compare the cluster with.
 *   <li>{@link dev.scheduler.harness.chaos}: controls a three-node cluster and injects faults (kill -9,
 *       pause, partition, database restart), and times the recovery.
 *   <li>{@link dev.scheduler.harness.google}: a fake Google Calendar and Google OAuth, over real HTTP.
 *   <li>{@link dev.scheduler.harness.cpu}: the server side's CPU time over a measured window (node
 *       processes, the PostgreSQL server, a baseline's threads) and its cost per 1,000 answered requests.
 *   <li>{@link dev.scheduler.harness.report}: {@code result.json}, {@code summary.md} and charts of one
 *       or more systems' runs.
 *   <li>{@link dev.scheduler.harness.cli}: the {@code harness} command line ({@code run}, {@code compare},
 *       {@code chaos}, {@code report}, {@code baseline}, {@code floor}).
 *   <li>{@link dev.scheduler.harness.bench}: benchmarks run by hand against one running node.
 *   <li>{@link dev.scheduler.harness.postgres}: a real, throwaway PostgreSQL for tests
 *       ({@link dev.scheduler.harness.postgres.PostgresTestServer}).
 *   <li>{@link dev.scheduler.harness.process}: a node as an OS process of its own, free loopback ports,
 *       log tails.
 *   <li>{@link dev.scheduler.harness.client}: a client for the node's REST API.
 * </ul>
 */
package dev.scheduler.harness;
