/**
 * PostgreSQL baselines for the benchmark: the node's booking and slot endpoints served straight from
 * PostgreSQL, once per classic double-booking prevention ({@link dev.scheduler.harness.baseline.Strategy}),
 * so that {@code harness compare} can put the cluster next to what a competent single-database
 * implementation does with the same load.
 *
 * <ul>
 *   <li>{@link dev.scheduler.harness.baseline.BaselineServer}: the HTTP server, one strategy, one schema.
 *   <li>{@link dev.scheduler.harness.baseline.BaselineHistorySource}: what a baseline stored, for the auditor.
 *   <li>{@link dev.scheduler.harness.baseline.InsertFloor}: the physical floor, plain single-row commits.
 *   <li>{@link dev.scheduler.harness.baseline.BaselineCommand}, {@link dev.scheduler.harness.baseline.FloorCommand}:
 *       the {@code harness baseline} and {@code harness floor} subcommands.
 * </ul>
 *
 * <p>Only the availability rules the load uses are implemented: weekly ranges, date overrides, slot
 * interval, buffers, minimum notice and booking window. External busy time and daily booking limits
 * are not.
 */
package dev.scheduler.harness.baseline;
