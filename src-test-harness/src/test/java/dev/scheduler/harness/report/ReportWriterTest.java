package dev.scheduler.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.audit.Violation;
import dev.scheduler.harness.cpu.CpuReport;
import dev.scheduler.harness.load.LatencySummary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report of several systems: written, read back unchanged, and rendered again from result.json alone. */
class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesEveryFileForSeveralSystemsAndReadsTheSameReportBack() throws IOException {
    Report report = Report.of("compare", List.of(
        system("cluster", 2.0, passed()),
        system("pg-serializable", 40.0, failed()),
        system("pg-advisory", 8.0, AuditReport.notRun("no journal"))));

    ReportWriter.write(dir, report);

    assertThat(ReportWriter.read(dir)).isEqualTo(report);
    String summary = Files.readString(dir.resolve(ReportWriter.SUMMARY_MD));
    assertThat(summary)
        .contains("| cluster | book | 100 | 20 | 2.00 |", "| pg-serializable | book | 100 | 20 | 40.00 |")
        .contains("| cluster | slots |")
        .contains("**cluster**: PASS", "**pg-serializable**: FAIL, 1 violation(s)", "`OVERLAP` host h1, bookings b1, b2")
        .contains("**pg-advisory**: not audited (no journal)")
        .contains("pg-serializable book: final 503 3, timeout 1");
    assertPng(dir.resolve(ReportWriter.THROUGHPUT_PNG), 420);
    assertPng(dir.resolve(ReportWriter.LATENCY_PNG), 3 * 420);
  }

  @Test
  void theServerSidesCpuIsWrittenReadBackAndTabulated() throws IOException {
    CpuReport cpu = new CpuReport(30.0, 30_000, Map.of("book", 30_000L), "book", List.of(
        new CpuReport.Part("nodes", List.of("node pid 4242 (/proc utime+stime)"), 22.0, 733.3, null),
        new CpuReport.Part("database", List.of(), null, null, "not visible in /proc")), null, null, 100, false);
    Report report = Report.of("cpu", List.of(system("cluster", 2.0, passed()).withCpu(cpu),
        system("pg-exclusion", 3.0, passed())));

    ReportWriter.write(dir, report);

    assertThat(ReportWriter.read(dir)).isEqualTo(report);
    assertThat(dir.resolve(ReportWriter.SUMMARY_MD)).content()
        .contains("## Server-side CPU")
        .contains("| cluster | nodes | 22.00 | 733.3 | 30000 | book |")
        .contains("| cluster | database | - | - | 30000 | book |")
        .contains("| cluster | **all** | - | **-** | 30000 | book |")
        .contains("| pg-exclusion | not measured |")
        .contains("- cluster, nodes: node pid 4242 (/proc utime+stime)")
        .contains("- cluster, database: not measured: not visible in /proc");
  }

  @Test
  void rerendersSummaryAndChartsFromResultJsonAlone() throws IOException {
    ReportWriter.write(dir, Report.of("one", List.of(system("cluster", 3.0, passed()))));
    String summary = Files.readString(dir.resolve(ReportWriter.SUMMARY_MD));
    Files.delete(dir.resolve(ReportWriter.SUMMARY_MD));
    Files.delete(dir.resolve(ReportWriter.THROUGHPUT_PNG));
    Files.delete(dir.resolve(ReportWriter.LATENCY_PNG));

    Report report = ReportWriter.rerender(dir);

    assertThat(report.systems()).extracting(SystemReport::system).containsExactly("cluster");
    assertThat(dir.resolve(ReportWriter.SUMMARY_MD)).content().isEqualTo(summary);
    assertPng(dir.resolve(ReportWriter.THROUGHPUT_PNG), 420);
    assertPng(dir.resolve(ReportWriter.LATENCY_PNG), 3 * 420);
  }

  @Test
  void aRunWithNoSecondsStillRenders() throws IOException {
    SystemReport empty = new SystemReport("cluster", "hotspot", Instant.parse("2026-11-24T08:00:00Z"), 0, 100, 0,
        true, 42, 5, Map.of(), Map.of(), List.of(), AuditReport.notRun("stopped"), null);

    ReportWriter.write(dir, Report.of("empty", List.of(empty)));

    assertPng(dir.resolve(ReportWriter.LATENCY_PNG), 3 * 420);
    assertThat(dir.resolve(ReportWriter.SUMMARY_MD)).content().contains("| cluster | hotspot | 5 |");
  }

  private static void assertPng(Path file, int height) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as(file.toString()).isNotNull();
    assertThat(image.getHeight()).isEqualTo(height);
  }

  private static AuditReport passed() {
    return AuditReport.of(new AuditResult(5, 120, 100, 90, 100, 10, 0, Map.of("book", 1L), List.of()));
  }

  private static AuditReport failed() {
    return AuditReport.of(new AuditResult(5, 120, 100, 90, 100, 10, 0, Map.of("book", 4L), List.of(
        new Violation(Violation.Kind.OVERLAP, "h1", List.of("b1", "b2"), "b1 09:00..09:30 and b2 09:15..09:45"))));
  }

  /** Five seconds of 20 bookings and 40 listings a second; booking latency around {@code bookMs}. */
  private static SystemReport system(String name, double bookMs, AuditReport audit) {
    List<SecondReport> series = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      Map<String, SecondOperation> ops = new LinkedHashMap<>();
      ops.put("book", new SecondOperation(20, 20, Map.of("2xx", 5L, "409", 15L), 0, 0, Map.of("2xx", 5L, "409", 15L),
          latency(20, bookMs * (1 + s / 10.0))));
      ops.put("slots", new SecondOperation(40, 40, Map.of("2xx", 40L), 0, 0, Map.of("2xx", 40L), latency(40, 1.5)));
      series.add(new SecondReport(s, 60, 60, ops));
    }
    Map<String, OperationReport> operations = new LinkedHashMap<>();
    Map<String, Long> bookOutcomes = audit.passed() || !audit.ran()
        ? Map.of("2xx", 25L, "409", 75L) : Map.of("2xx", 21L, "409", 75L, "503", 3L, "timeout", 1L);
    operations.put("book", new OperationReport(100, 100, 20, latency(100, bookMs), bookOutcomes, 2,
        audit.ran() ? audit.indeterminate().get("book") : 0, Map.of("2xx", 25L, "409", 75L, "503", 2L)));
    operations.put("slots", new OperationReport(200, 200, 40, latency(200, 1.5), Map.of("2xx", 200L), 0, 0,
        Map.of("2xx", 200L)));
    return new SystemReport(name, "mixed", Instant.parse("2026-11-24T08:00:00Z"), 5.0, 60, 60, false, 42, 5,
        Map.of("nodes", "http://127.0.0.1:8081"), operations, series, audit, null);
  }

  private static LatencySummary latency(long count, double p50) {
    return new LatencySummary(count, p50, p50 * 1.5, p50 * 3, p50 * 5, p50 * 6, p50 * 1.2);
  }
}
