package dev.scheduler.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.cpu.CpuReport;
import dev.scheduler.harness.load.LatencySummary;
import dev.scheduler.harness.load.Scenario;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** compare.md's CPU column and sweep table. */
class CompareRowTest {

  @Test
  void theCpuCellShowsTheTotalAndEachPart() {
    CompareRow measured = row("cluster", cpu(905.3, new CpuReport.Part("nodes", List.of(), 22.0, 733.3, null),
        new CpuReport.Part("database", List.of(), 5.2, 172.0, null)));
    CompareRow partly = row("pg-exclusion", cpu(null, new CpuReport.Part("server", List.of(), 1.0, 33.3, null),
        new CpuReport.Part("database", List.of(), null, null, "not visible")));

    assertThat(measured.cpuCell()).isEqualTo("905.3 (nodes 733.3 + database 172.0)");
    assertThat(partly.cpuCell()).isEqualTo("- (server 33.3 + database -)");
    assertThat(row("old", null).cpuCell()).isEqualTo("-");
    assertThat(CompareRow.perWhat("book")).isEqualTo("per `book` request");
    assertThat(CompareRow.perWhat(CpuReport.figureIsPer(Scenario.MIXED))).startsWith("per request of the mix");
  }

  @Test
  void theSweepHasACpuTableWhenCpuWasMeasured() {
    Map<Double, List<CompareRow>> rows = new LinkedHashMap<>();
    rows.put(500.0, List.of(row("cluster", cpu(900.0)), row("pg-exclusion", cpu(400.0))));
    rows.put(1000.0, List.of(row("cluster", cpu(850.5)), row("pg-exclusion", cpu(null))));

    String md = CompareRow.sweepMarkdown(Scenario.SPREAD, Duration.ofSeconds(30), rows);

    assertThat(md).contains("Server-side CPU ms per 1,000 answered", "| cluster | 900.0 | 850.5 |",
        "| pg-exclusion | 400.0 | - |");
  }

  private static CpuReport cpu(Double total, CpuReport.Part... parts) {
    return new CpuReport(30, 30_000, Map.of("book", 30_000L), "book", List.of(parts), total == null ? null : 27.0,
        total, 100, false);
  }

  private static CompareRow row(String system, CpuReport cpu) {
    return new CompareRow(system, 400, 500, LatencySummary.EMPTY, LatencySummary.EMPTY, 0, 0, 0, 0, "PASS", cpu);
  }
}
