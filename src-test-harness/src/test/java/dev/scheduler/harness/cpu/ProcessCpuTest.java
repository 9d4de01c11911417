package dev.scheduler.harness.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real processes and threads burning a little CPU are read: deltas only, no ratios or timings
 * asserted (the machine may be busy, so each waits until its counter moves, up to a deadline).
 */
class ProcessCpuTest {
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);

  @Test
  void aBusyChildProcessesCpuIsReadFromProc() throws Exception {
    assumeThat(Files.isDirectory(Path.of("/proc/self"))).isTrue();
    Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      ProcessCpu cpu = new ProcessCpu("busy sh", busy.pid(), ClockTicks.system());
      long start = cpu.cpuNanos();

      assertThat(waitUntilMoved(cpu, start)).isPositive();
      assertThat(cpu.describe()).contains("pid " + busy.pid());
    } finally {
      busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The children of a parent that itself only waits: their CPU is what the server meter adds up. */
  @Test
  void aServersChildrenAreCounted() throws Exception {
    assumeThat(Files.isDirectory(Path.of("/proc/self"))).isTrue();
    Process parent = new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done' & wait").start();
    try {
      PostgresServerCpu cpu = new PostgresServerCpu(parent.pid(), ClockTicks.system());
      long start = cpu.cpuNanos();

      assertThat(waitUntilMoved(cpu, start)).isPositive();
    } finally {
      parent.descendants().forEach(ProcessHandle::destroyForcibly);
      parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNamedThreadsCpuIsReadInProcess() throws Exception {
    Thread busy = new Thread(() -> {
      long x = 0;
      while (!Thread.currentThread().isInterrupted()) {
        x += System.nanoTime() % 7;
      }
      if (x == 42) {
        System.out.print("");
      }
    }, "baseline-test-burner-1");
    busy.setDaemon(true);
    busy.start();
    try {
      ThreadCpu cpu = new ThreadCpu("test threads", name -> name.startsWith("baseline-test-burner-"));
      long start = cpu.cpuNanos();

      assertThat(waitUntilMoved(cpu, start)).isPositive();
    } finally {
      busy.interrupt();
    }
  }

  @Test
  void aMeterWindowOverAGoneProcessSaysSoInsteadOfAFigure() throws Exception {
    Process shortLived = new ProcessBuilder("sh", "-c", "exit 0").start();
    shortLived.waitFor(10, TimeUnit.SECONDS);
    CpuMeter meter = new CpuMeter(List.of(CpuMeter.Part.of("nodes",
        List.of(new ProcessCpu("node", shortLived.pid(), ClockTicks.system())))));

    CpuMeter.Usage usage = meter.start().stop();

    assertThat(usage.parts().get(0).error()).contains("at the start", "no process " + shortLived.pid());
  }

  @Test
  void aLoopbackNodesProcessIsFoundByItsListeningPort() throws Exception {
    assumeThat(Files.isDirectory(Path.of("/proc/self/fd"))).isTrue();
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI node = URI.create("http://127.0.0.1:" + socket.getLocalPort());

      assertThat(ListeningProcess.of(node)).contains(ProcessHandle.current().pid());
      assertThat(ListeningProcess.of(URI.create("http://192.0.2.1:" + socket.getLocalPort()))).isEmpty();
    }
  }

  private static long waitUntilMoved(CpuCounter cpu, long start) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    long delta = 0;
    while (delta <= 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      delta = cpu.cpuNanos() - start;
    }
    return delta;
  }
}
