package dev.scheduler.harness.report;

import dev.scheduler.harness.audit.Violation;
import dev.scheduler.harness.cpu.CpuReport;
import java.util.Locale;
import java.util.Map;

/** The report as Markdown: settings, one table row per system and operation, errors by kind, audit verdicts. */
final class SummaryMarkdown {
  private static final int VIOLATIONS_SHOWN = 50;

  private SummaryMarkdown() {}

  /**
   * The server side's CPU over each system's measured window (issue 13): per part and in all, in
   * seconds and in ms per 1,000 answered requests, and what each part counted. Empty when no system
   * was measured.
   */
  static String cpu(Report report) {
    if (report.systems().stream().allMatch(s -> s.cpu() == null)) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Server-side CPU (measured window, after warm-up)\n\n");
    md.append("| system | part | CPU s | CPU ms per 1,000 answered | answered | figure is per |\n")
        .append("|---|---|---:|---:|---:|---|\n");
    StringBuilder counted = new StringBuilder();
    for (SystemReport s : report.systems()) {
      CpuReport cpu = s.cpu();
      if (cpu == null) {
        md.append("| ").append(s.system()).append(" | not measured | - | - | - | |\n");
        continue;
      }
      for (CpuReport.Part part : cpu.parts()) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s |%n", s.system(), part.name(),
            number(part.cpuSeconds(), "%.2f"), number(part.msPer1000Answered(), "%.1f"), cpu.answered(),
            cpu.figureIsPer()));
        counted.append("- ").append(s.system()).append(", ").append(part.name()).append(": ")
            .append(part.error() != null ? "not measured: " + part.error() : String.join("; ", part.counted()))
            .append('\n');
      }
      md.append(String.format(Locale.ROOT, "| %s | **all** | %s | **%s** | %d | %s |%n", s.system(),
          number(cpu.cpuSeconds(), "%.2f"), number(cpu.msPer1000Answered(), "%.1f"), cpu.answered(),
          cpu.figureIsPer()));
    }
    md.append("\nAnswered: 2xx, 409 or another 4xx. The window runs from just before the first measured request to"
        + " its last answer. What each part counts:\n\n").append(counted);
    report.systems().stream().map(SystemReport::cpu).filter(c -> c != null && c.clockTicksAssumed()).findFirst()
        .ifPresent(c -> md.append("\n`getconf CLK_TCK` could not run: /proc ticks taken as ")
            .append(c.clockTicksPerSecond()).append(" per second.\n"));
    return md.toString();
  }

  private static String number(Double value, String format) {
    return value == null ? "-" : String.format(Locale.ROOT, format, value);
  }

  static String render(Report report) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(report.title() == null ? "Load test" : report.title()).append("\n\n");
    md.append("Generated ").append(report.createdAt()).append(". Latencies are in ms, measured from each request's")
        .append(" intended send time (open loop) to its final answer, retries included.\n\n");

    md.append("| system | scenario | hosts | seconds | target/s | sent/s |\n|---|---|---:|---:|---:|---:|\n");
    for (SystemReport s : report.systems()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f%s | %.0f | %.0f |%n", s.system(), s.scenario(),
          s.hosts(), s.durationSeconds(), s.stoppedEarly() ? " (stopped early)" : "", s.targetRate(),
          s.achievedRate()));
    }

    for (SystemReport s : report.systems()) {
      if (!s.settings().isEmpty()) {
        md.append("\n").append(s.system()).append(": ");
        md.append(s.settings().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(java.util.stream.Collectors.joining("; "))).append('\n');
      }
    }

    md.append("\n| system | operation | count | answered/s | p50 | p90 | p99 | p99.9 | max | 2xx | 409 | errors"
        + " | indeterminate | retries |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SystemReport s : report.systems()) {
      for (Map.Entry<String, OperationReport> e : s.operations().entrySet()) {
        OperationReport op = e.getValue();
        var l = op.latencyMs();
        md.append(String.format(Locale.ROOT,
            "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d | %d | %d | %d |%n", s.system(),
            e.getKey(), op.completed(), op.achievedRate(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(),
            op.count("2xx"), op.count("409"), op.errors(), op.indeterminate(), op.retries()));
      }
    }

    StringBuilder errors = new StringBuilder();
    for (SystemReport s : report.systems()) {
      for (Map.Entry<String, OperationReport> e : s.operations().entrySet()) {
        StringBuilder kinds = new StringBuilder();
        e.getValue().outcomes().forEach((kind, n) -> {
          if (!kind.equals("2xx") && !kind.equals("409")) {
            kinds.append(kinds.length() == 0 ? "" : ", ").append(kind).append(' ').append(n);
          }
        });
        StringBuilder attempts = new StringBuilder();
        e.getValue().attempts().forEach((kind, n) -> {
          if (!kind.equals("2xx") && !kind.equals("409")) {
            attempts.append(attempts.length() == 0 ? "" : ", ").append(kind).append(' ').append(n);
          }
        });
        if (kinds.length() > 0 || attempts.length() > 0) {
          errors.append("- ").append(s.system()).append(' ').append(e.getKey()).append(": final ")
              .append(kinds.length() == 0 ? "none" : kinds).append("; failed attempts ")
              .append(attempts.length() == 0 ? "none" : attempts).append('\n');
        }
      }
    }
    if (errors.length() > 0) {
      md.append("\nErrors by kind (indeterminate requests are among them: they had no definite answer):\n\n")
          .append(errors);
    }

    md.append(cpu(report));

    md.append("\n## Audit\n\n");
    for (SystemReport s : report.systems()) {
      AuditReport audit = s.audit() == null ? AuditReport.notRun(null) : s.audit();
      md.append("- **").append(s.system()).append("**: ").append(audit.verdict()).append('\n');
      int shown = 0;
      for (Violation v : audit.violations()) {
        if (shown++ == VIOLATIONS_SHOWN) {
          md.append("  - ... ").append(audit.violationCount() - VIOLATIONS_SHOWN).append(" more in result.json\n");
          break;
        }
        md.append("  - `").append(v.kind()).append("` host ").append(v.hostId()).append(", bookings ")
            .append(String.join(", ", v.bookingIds())).append(": ").append(v.detail()).append('\n');
      }
    }
    md.append("\n![requests per second](").append(ReportWriter.THROUGHPUT_PNG).append(")\n\n![booking latency](")
        .append(ReportWriter.LATENCY_PNG).append(")\n");
    return md.toString();
  }
}
