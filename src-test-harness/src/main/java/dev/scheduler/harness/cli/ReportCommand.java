package dev.scheduler.harness.cli;

import dev.scheduler.harness.report.Report;
import dev.scheduler.harness.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code harness report DIR}: renders summary.md and the charts again from DIR/result.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Re-render summary.md, throughput.png and latency.png from DIR/result.json.")
public final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "A report directory holding result.json.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Report report = ReportWriter.rerender(dir);
    System.err.printf("Rendered %s, %s and %s in %s (%d system(s)).%n", ReportWriter.SUMMARY_MD,
        ReportWriter.THROUGHPUT_PNG, ReportWriter.LATENCY_PNG, dir, report.systems().size());
    return 0;
  }
}
