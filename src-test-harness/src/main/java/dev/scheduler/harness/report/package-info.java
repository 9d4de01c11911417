/**
 * Load-test reports of one or more systems: {@code result.json}, {@code summary.md} and XChart PNGs,
 * written by {@link dev.scheduler.harness.report.ReportWriter} from a {@link dev.scheduler.harness.report.Report}
 * of {@link dev.scheduler.harness.report.SystemReport}s (one per system, made with
 * {@link dev.scheduler.harness.report.SystemReport#of}).
 */
package dev.scheduler.harness.report;
