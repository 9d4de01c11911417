package dev.scheduler.harness.cpu;

import java.io.IOException;

/** One process's own CPU time ({@code utime + stime} of {@code /proc/<pid>/stat}, all its threads). */
public final class ProcessCpu implements CpuCounter {
  private final String role;
  private final long pid;
  private final ClockTicks ticks;

  public ProcessCpu(String role, long pid, ClockTicks ticks) {
    this.role = role;
    this.pid = pid;
    this.ticks = ticks;
  }

  @Override
  public String describe() {
    return role + " pid " + pid + " (/proc utime+stime)";
  }

  @Override
  public long cpuNanos() throws IOException {
    ProcStatLine line = ProcStatLine.read(pid)
        .orElseThrow(() -> new IOException("no process " + pid + " in /proc (gone, or not on this machine)"));
    return ticks.toNanos(line.ownTicks());
  }
}
