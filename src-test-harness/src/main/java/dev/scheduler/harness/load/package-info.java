/**
 * Open-loop load against any system that speaks the scheduler's API.
 *
 * <p>{@link dev.scheduler.harness.load.LoadRunner#prepare} creates a {@link dev.scheduler.harness.load.Scenario}'s
 * hosts on a {@link dev.scheduler.harness.load.LoadTarget}; the resulting
 * {@link dev.scheduler.harness.load.LoadFixture} runs the load in the foreground ({@code run}) or the
 * background ({@code start}, giving a {@link dev.scheduler.harness.load.RunningLoad} to watch or stop),
 * and yields a {@link dev.scheduler.harness.load.SystemRun}: latency histograms and outcome counts per
 * operation, the same per second, and the client ledger for the auditor.
 */
package dev.scheduler.harness.load;
