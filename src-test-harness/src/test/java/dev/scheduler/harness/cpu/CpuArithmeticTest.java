package dev.scheduler.harness.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scheduler.harness.load.Scenario;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU arithmetic on recorded {@code /proc/<pid>/stat} lines: the fields, counter deltas, ticks
 * to milliseconds, and CPU ms per 1,000 answered requests.
 */
class CpuArithmeticTest {
  private static final ClockTicks HZ100 = new ClockTicks(100, false);

  // A node JVM, 30 s apart (fields 14-17: utime stime cutime cstime).
  static final String NODE_START = "4242 (java) S 1 4242 4100 0 -1 1077936384 95512 0 12 0 "
      + "51234 8766 0 0 20 0 61 0 7700000 5100000000 120000 18446744073709551615 1 1 0 0 0 0 0 4096 17102 0 0 0 17 1 0 0 0 0 "
      + "0";
  static final String NODE_END = "4242 (java) S 1 4242 4100 0 -1 1077936384 99001 0 12 0 "
      + "53034 9166 0 0 20 0 61 0 7700000 5100000000 121000 18446744073709551615 1 1 0 0 0 0 0 4096 17102 0 0 0 17 0 0 0 0 0 "
      + "0";

  @Test
  void readsTheFieldsAfterTheLastParenthesis() {
    ProcStatLine line = ProcStatLine.parse("777 (my (odd) cmd) R 12 777 0 0 -1 0 0 0 0 0 5 7 11 13 20 0 1 0 9");

    assertThat(line.pid()).isEqualTo(777);
    assertThat(line.comm()).isEqualTo("my (odd) cmd");
    assertThat(line.state()).isEqualTo('R');
    assertThat(line.ppid()).isEqualTo(12);
    assertThat(line.ownTicks()).isEqualTo(12);
    assertThat(line.withReapedChildrenTicks()).isEqualTo(36);
  }

  @Test
  void aNodesCpuOverTheWindowInMillisecondsAndPerThousandAnswered() throws IOException {
    ProcStatLine start = ProcStatLine.parse(NODE_START);
    ProcStatLine end = ProcStatLine.parse(NODE_END);

    long ticks = CpuMeter.delta(start.ownTicks(), end.ownTicks()); // (53034 + 9166) - (51234 + 8766)
    long nanos = HZ100.toNanos(ticks);

    assertThat(ticks).isEqualTo(2_200);
    assertThat(nanos).isEqualTo(22_000_000_000L); // 2,200 ticks at 100/s: 22 s
    assertThat(CpuReport.msPer1000(nanos, 30_000)).isCloseTo(733.33, within(0.01)); // 22,000 ms / 30 thousand
    assertThat(new ClockTicks(250, false).toNanos(ticks)).isEqualTo(8_800_000_000L);
    assertThat(CpuReport.msPer1000(nanos, 0)).isNull();
  }

  @Test
  void aCounterThatWentBackIsAnError() {
    assertThatThrownBy(() -> CpuMeter.delta(500, 499)).isInstanceOf(IOException.class)
        .hasMessageContaining("restarted");
  }

  /**
   * A PostgreSQL server recorded twice: backend 302 exits in between (its 900 + 100 ticks are now the
   * postmaster's cutime/cstime), 303 is born, 304 belongs to someone else.
   */
  @Test
  void postgresCountsThePostmasterItsLiveChildrenAndItsReapedOnes(@TempDir Path proc) throws IOException {
    ClockTicks ticks = HZ100;
    stat(proc, 300, "postgres", 1, 50, 20, 1000, 200);
    stat(proc, 301, "postgres", 300, 400, 100, 0, 0);
    stat(proc, 302, "postgres", 300, 700, 80, 0, 0);
    stat(proc, 304, "java", 1, 99999, 9999, 0, 0);
    PostgresServerCpu pg = new PostgresServerCpu(proc, 300, ticks);
    long start = pg.cpuNanos(); // 50+20+1000+200 + 400+100 + 700+80 = 2550 ticks

    stat(proc, 300, "postgres", 1, 55, 21, 1900, 300);
    stat(proc, 301, "postgres", 300, 600, 150, 0, 0);
    Files.delete(proc.resolve("302/stat"));
    Files.delete(proc.resolve("302"));
    stat(proc, 303, "postgres", 300, 30, 10, 0, 0);
    stat(proc, 304, "java", 1, 199999, 19999, 0, 0);
    long end = pg.cpuNanos(); // 55+21+1900+300 + 600+150 + 30+10 = 3066 ticks

    assertThat(start).isEqualTo(ticks.toNanos(2550));
    assertThat(end - start).isEqualTo(ticks.toNanos(516)); // 5.16 s
    assertThat(PostgresServerCpu.postmasterOf(proc, 301)).contains(300L);
    assertThat(PostgresServerCpu.postmasterOf(proc, 304)).isEmpty();
    assertThat(PostgresServerCpu.postmasterOf(proc, 999)).isEmpty();
  }

  @Test
  void theReportAddsThePartsAndDividesByAnsweredRequests() {
    CpuMeter.Usage usage = new CpuMeter.Usage(Duration.ofSeconds(30), List.of(
        new CpuMeter.PartUsage("nodes", List.of("node pid 4242", "node pid 4243"), 22_000_000_000L, null),
        new CpuMeter.PartUsage("database", List.of("PostgreSQL postmaster pid 300"), 5_160_000_000L, null)));
    Map<String, Long> answered = new LinkedHashMap<>();
    answered.put("book", 29_000L);
    answered.put("slots", 1_000L);

    CpuReport report = CpuReport.of(usage, Scenario.SPREAD, answered, HZ100);

    assertThat(report.answered()).isEqualTo(30_000);
    assertThat(report.windowSeconds()).isEqualTo(30.0);
    assertThat(report.cpuSeconds()).isCloseTo(27.16, within(1e-9));
    assertThat(report.msPer1000Answered()).isCloseTo(905.33, within(0.01)); // 27,160 ms / 30
    assertThat(report.parts()).extracting(CpuReport.Part::msPer1000Answered)
        .containsExactly(22_000.0 / 30, 5_160.0 / 30);
    assertThat(report.figureIsPer()).isEqualTo("book");
    assertThat(report.clockTicksPerSecond()).isEqualTo(100);
  }

  @Test
  void aPartThatCouldNotBeMeasuredLeavesTheTotalOpen() {
    CpuMeter.Usage usage = new CpuMeter.Usage(Duration.ofSeconds(10), List.of(
        new CpuMeter.PartUsage("nodes", List.of("node pid 4242"), 3_000_000_000L, null),
        new CpuMeter.PartUsage("database", List.of(), 0, "not visible in /proc")));

    CpuReport report = CpuReport.of(usage, Scenario.MIXED, Map.of("slots", 900L, "book", 100L), HZ100);

    assertThat(report.cpuSeconds()).isNull();
    assertThat(report.msPer1000Answered()).isNull();
    assertThat(report.parts().get(0).msPer1000Answered()).isEqualTo(3_000.0);
    assertThat(report.parts().get(1).error()).isEqualTo("not visible in /proc");
    assertThat(report.figureIsPer()).startsWith("request of the mix");
    assertThat(CpuReport.figureIsPer(Scenario.SLOTS)).isEqualTo("slots");
    assertThat(CpuReport.figureIsPer(Scenario.HOTSPOT)).isEqualTo("book");
  }

  @Test
  void readsTheNodesCpuMetricFromAScrape() throws IOException {
    String scrape = """
        # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
        # TYPE process_cpu_time_ns_total counter
        process_cpu_time_ns_total 1.234E10
        process_cpu_usage 0.25
        """;

    assertThat(NodeMetricsCpu.parse(scrape)).isEqualTo(12_340_000_000L);
    assertThatThrownBy(() -> NodeMetricsCpu.parse("process_cpu_usage 0.25\n")).isInstanceOf(IOException.class);
  }

  @Test
  void aNodesMetricIsReadOverHttpAtBothEndsOfTheWindow() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicLong nanos = new AtomicLong(5_000_000_000L);
    server.createContext("/metrics", exchange -> {
      byte[] body = ("# TYPE process_cpu_time_ns_total counter\nprocess_cpu_time_ns_total "
          + (double) nanos.get() + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      URI node = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      // (CpuMeters would find this JVM listening on the loopback port and read /proc instead.)
      CpuMeter meter = new CpuMeter(List.of(CpuMeter.Part.of("nodes", List.of(new NodeMetricsCpu(node)))));
      CpuMeter.Window window = meter.start();
      nanos.addAndGet(1_500_000_000L);

      CpuMeter.PartUsage nodes = window.stop().parts().get(0);

      assertThat(nodes.error()).isNull();
      assertThat(nodes.cpuNanos()).isEqualTo(1_500_000_000L);
      assertThat(nodes.counted()).containsExactly("node " + node + " (process_cpu_time_ns_total from /metrics)");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void findsTheSocketsListeningOnAPortInProcNetTcp() {
    List<String> table = List.of(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   0: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81234 1 0",
        "   1: 0100007F:1F91 0100007F:D0A2 01 00000000:00000000 00:00000000 00000000     0        0 81299 1 0",
        "   2: 0100007F:1F92 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81300 1 0");

    assertThat(ListeningProcess.listeningInodes(table, 8081)).containsExactly("81234");
    assertThat(ListeningProcess.listeningInodes(table, 8083)).isEmpty();
  }

  private static void stat(Path proc, long pid, String comm, long ppid, long utime, long stime, long cutime,
      long cstime) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S " + ppid + " " + pid + " " + pid
        + " 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " " + cutime + " " + cstime
        + " 20 0 1 0 7700000 200000000 5000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");
  }
}
