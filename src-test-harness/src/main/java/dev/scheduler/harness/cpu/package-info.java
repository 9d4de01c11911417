/**
 * Server-side CPU time of a system under test over a measured window (issue 13's cost per
 * request): node processes read from Linux's {@code /proc} (or from the node's
 * {@code process_cpu_time_ns_total} metric when the harness cannot see the process), the
 * PostgreSQL server (its postmaster and every backend) from {@code /proc}, and an in-process
 * baseline server from its threads' CPU time. {@link dev.scheduler.harness.cpu.CpuMeter} takes the
 * readings at the start and end of the window; {@link dev.scheduler.harness.cpu.CpuReport} turns
 * them into CPU seconds and CPU ms per 1,000 answered requests.
 */
package dev.scheduler.harness.cpu;
