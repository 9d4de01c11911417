package dev.scheduler.harness.cli;

import dev.scheduler.harness.audit.AuditResult;
import dev.scheduler.harness.baseline.BaselineStats;
import dev.scheduler.harness.baseline.InsertFloor;
import dev.scheduler.harness.cpu.CpuReport;
import dev.scheduler.harness.load.LatencySummary;
import dev.scheduler.harness.load.Operation;
import dev.scheduler.harness.load.OperationStats;
import dev.scheduler.harness.load.OutcomeKind;
import dev.scheduler.harness.load.Scenario;
import dev.scheduler.harness.load.SystemRun;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One system's line in the comparison table: what the issue asks to see side by side. */
record CompareRow(String system, double bookingsPerSecond, double bookingAnswersPerSecond, LatencySummary booking,
    LatencySummary slots, long conflicts, long clientRetries, long serverRetries, long errors, String audit,
    CpuReport cpu) {

  static CompareRow of(SystemRun run, AuditResult audit, BaselineStats.Snapshot stats, CpuReport cpu) {
    OperationStats book = run.operation(Operation.BOOK);
    OperationStats slots = run.operation(Operation.SLOTS);
    double seconds = run.wallTime().toNanos() / 1e9;
    long confirmed = book == null ? 0 : book.count(OutcomeKind.OK);
    long errors = run.operations().values().stream().mapToLong(o -> o.count(OutcomeKind.SERVER_ERROR)
        + o.count(OutcomeKind.UNAVAILABLE) + o.count(OutcomeKind.TIMEOUT) + o.count(OutcomeKind.IO_ERROR)).sum();
    long clientRetries = run.operations().values().stream().mapToLong(OperationStats::retries).sum();
    return new CompareRow(run.system(), seconds <= 0 ? 0 : confirmed / seconds, run.answeredRate(Operation.BOOK),
        book == null ? LatencySummary.EMPTY : book.latency(), slots == null ? LatencySummary.EMPTY : slots.latency(),
        book == null ? 0 : book.count(OutcomeKind.CONFLICT), clientRetries, stats == null ? 0 : stats.retries(),
        errors, audit.verdict(), cpu);
  }

  /** "per `book` request" for one operation's scenario, "per request of the mix (...)" for a mix. */
  static String perWhat(String figureIsPer) {
    return figureIsPer.contains(" ") ? "per " + figureIsPer : "per `" + figureIsPer + "` request";
  }

  /** "12.3 (nodes 9.1 + database 3.2)": CPU ms per 1,000 answered requests, all parts and each; "-" unmeasured. */
  String cpuCell() {
    if (cpu == null) {
      return "-";
    }
    StringBuilder cell = new StringBuilder(cpu.msPer1000Answered() == null ? "-"
        : String.format(Locale.ROOT, "%.1f", cpu.msPer1000Answered()));
    StringBuilder parts = new StringBuilder();
    for (CpuReport.Part part : cpu.parts()) {
      parts.append(parts.length() == 0 ? "" : " + ").append(part.name()).append(' ')
          .append(part.msPer1000Answered() == null ? "-"
              : String.format(Locale.ROOT, "%.1f", part.msPer1000Answered()));
    }
    return cell.append(" (").append(parts).append(')').toString();
  }

  /**
   * One line per system, one column per offered rate: booking answers per second and p99. A system
   * keeps up at a rate when it answers (nearly) all it is offered; past that its queue grows.
   */
  static String sweepMarkdown(Scenario scenario, Duration duration, Map<Double, List<CompareRow>> rowsByRate) {
    List<Double> rates = List.copyOf(rowsByRate.keySet());
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "## compare: %s, each rate for %ss per system%n%n", scenario.label(),
        duration.toSeconds()));
    md.append("Booking answers/s (booking p99 ms) at each offered rate.\n\n| system |");
    rates.forEach(rate -> md.append(String.format(Locale.ROOT, " %.0f/s |", rate)));
    md.append("\n|---|").append("---:|".repeat(rates.size())).append('\n');
    for (int i = 0; i < rowsByRate.get(rates.get(0)).size(); i++) {
      md.append("| ").append(rowsByRate.get(rates.get(0)).get(i).system()).append(" |");
      for (double rate : rates) {
        List<CompareRow> rows = rowsByRate.get(rate);
        CompareRow row = i < rows.size() ? rows.get(i) : null;
        md.append(row == null ? " - |" : String.format(Locale.ROOT, " %.0f (%.1f)%s |",
            row.bookingAnswersPerSecond(), row.booking().p99(), row.audit().startsWith("PASS") ? "" : " FAIL"));
      }
      md.append('\n');
    }
    if (rowsByRate.values().stream().flatMap(List::stream).anyMatch(r -> r.cpu() != null)) {
      md.append("\nServer-side CPU ms per 1,000 answered requests at each offered rate (all parts: nodes or server, "
          + "and the database).\n\n| system |");
      rates.forEach(rate -> md.append(String.format(Locale.ROOT, " %.0f/s |", rate)));
      md.append("\n|---|").append("---:|".repeat(rates.size())).append('\n');
      for (int i = 0; i < rowsByRate.get(rates.get(0)).size(); i++) {
        md.append("| ").append(rowsByRate.get(rates.get(0)).get(i).system()).append(" |");
        for (double rate : rates) {
          List<CompareRow> rows = rowsByRate.get(rate);
          CompareRow row = i < rows.size() ? rows.get(i) : null;
          md.append(row == null || row.cpu() == null || row.cpu().msPer1000Answered() == null ? " - |"
              : String.format(Locale.ROOT, " %.1f |", row.cpu().msPer1000Answered()));
        }
        md.append('\n');
      }
    }
    return md.toString();
  }

  static String markdown(Scenario scenario, double rate, Duration duration, List<CompareRow> rows,
      InsertFloor.Result floor) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "## compare: %s, %.0f requests/s for %ss per system%n%n", scenario.label(),
        rate, duration.toSeconds()));
    md.append("| system | bookings confirmed/s | booking answers/s | booking p50 / p99 / p99.9 ms "
        + "| slots p50 / p99 ms | 409s | client retries | server retries | 5xx+timeouts | audit "
        + "| CPU ms per 1,000 answered |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
    for (CompareRow r : rows) {
      md.append(String.format(Locale.ROOT,
          "| %s | %.0f | %.0f | %.1f / %.1f / %.1f | %.1f / %.1f | %d | %d | %d | %d | %s | %s |%n",
          r.system(), r.bookingsPerSecond(), r.bookingAnswersPerSecond(), r.booking().p50(), r.booking().p99(),
          r.booking().p999(), r.slots().p50(), r.slots().p99(), r.conflicts(), r.clientRetries(), r.serverRetries(),
          r.errors(), r.audit(), r.cpuCell()));
    }
    rows.stream().map(CompareRow::cpu).filter(c -> c != null).findFirst().ifPresent(c -> md.append(String.format(
        Locale.ROOT, "%nCPU: the server side's CPU time over the measured window (after warm-up), per 1,000 answered "
            + "requests (2xx, 409, other 4xx), %s; which processes and threads each part counts is in summary.md "
            + "and result.json.%n", perWhat(c.figureIsPer()))));
    md.append(String.format(Locale.ROOT, "%nFloor: single-row INSERT ... COMMIT on %d connections: %.0f commits/s "
        + "(p50 %.2f ms, p99 %.2f ms).%n", floor.concurrency(), floor.insertsPerSecond(), floor.p50Micros() / 1000.0,
        floor.p99Micros() / 1000.0));
    CompareRow cluster = rows.get(0);
    if (floor.insertsPerSecond() > 0) {
      md.append(String.format(Locale.ROOT, "The cluster's booking answers were %.1f %% of the floor's commit rate.%n",
          100 * cluster.bookingAnswersPerSecond() / floor.insertsPerSecond()));
    }
    return md.toString();
  }
}
