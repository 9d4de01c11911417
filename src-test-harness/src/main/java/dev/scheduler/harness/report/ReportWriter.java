package dev.scheduler.harness.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a report directory: {@code result.json} (every figure), and rendered from it
 * {@code summary.md} (a table and the audit verdicts), {@code throughput.png} and
 * {@code latency.png} (one line per system).
 */
public final class ReportWriter {
  public static final String RESULT_JSON = "result.json";
  public static final String SUMMARY_MD = "summary.md";
  public static final String THROUGHPUT_PNG = "throughput.png";
  public static final String LATENCY_PNG = "latency.png";

  static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReportWriter() {}

  /** Writes result.json and renders the rest. */
  public static void write(Path dir, Report report) throws IOException {
    Files.createDirectories(dir);
    MAPPER.writeValue(dir.resolve(RESULT_JSON).toFile(), report);
    render(dir, report);
  }

  public static Report read(Path dir) throws IOException {
    Path json = dir.resolve(RESULT_JSON);
    if (!Files.isRegularFile(json)) {
      throw new IOException("no " + RESULT_JSON + " in " + dir);
    }
    return MAPPER.readValue(json.toFile(), Report.class);
  }

  /** Writes summary.md and the charts from the report. */
  public static void render(Path dir, Report report) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(SUMMARY_MD), SummaryMarkdown.render(report), StandardCharsets.UTF_8);
    Charts.throughput(report, dir.resolve(THROUGHPUT_PNG));
    Charts.latency(report, dir.resolve(LATENCY_PNG));
  }

  /** Renders summary.md and the charts again from the directory's result.json; returns the report. */
  public static Report rerender(Path dir) throws IOException {
    Report report = read(dir);
    render(dir, report);
    return report;
  }
}
