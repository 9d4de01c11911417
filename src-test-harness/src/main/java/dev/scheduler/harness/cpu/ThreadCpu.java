package dev.scheduler.harness.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;

/**
 * CPU time of this JVM's threads whose names match, summed ({@link ThreadMXBean#getThreadCpuTime}):
 * for a server that runs inside the harness's own process (the baselines). The JVM's shared threads
 * (garbage collection, JIT compilation) serve the load generator too and are not counted, and a
 * thread that ends before a reading drops out of it; so this is a lower bound of what the same
 * server would cost as a process of its own.
 */
public final class ThreadCpu implements CpuCounter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String description;
  private final Predicate<String> names;

  public ThreadCpu(String description, Predicate<String> names) {
    this.description = description;
    this.names = names;
    if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public long cpuNanos() throws java.io.IOException {
    if (!THREADS.isThreadCpuTimeSupported()) {
      throw new java.io.IOException("this JVM cannot measure thread CPU time");
    }
    long total = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && names.test(info.getThreadName())) {
        long nanos = THREADS.getThreadCpuTime(info.getThreadId());
        if (nanos > 0) {
          total += nanos;
        }
      }
    }
    return total;
  }
}
