package dev.scheduler.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.audit.Violation;
import dev.scheduler.harness.load.FakeBookingNode;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.harness.report.OperationReport;
import dev.scheduler.harness.report.Report;
import dev.scheduler.harness.report.ReportWriter;
import dev.scheduler.harness.report.SystemReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code harness run} and {@code harness report} end to end, against a fake of the API. */
class HarnessCommandTest {
  @TempDir Path dir;
  private FakeBookingNode api;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    api = new FakeBookingNode();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void runsAHotspotWritesTheReportAndRendersItAgain() throws Exception {
    Path out = dir.resolve("report");

    int exit = harness("run", "--scenario", "hotspot", "--nodes", api.uri() + "/", "--duration", "1s", "--rate", "40",
        "--admin-token", "T", "--hosts", "2", "--out", out.toString(), "--quiet");

    assertThat(exit).as(err.toString()).isZero();
    Report report = ReportWriter.read(out);
    SystemReport cluster = report.systems().get(0);
    assertThat(cluster.system()).isEqualTo("cluster");
    assertThat(cluster.scenario()).isEqualTo("hotspot");
    assertThat(cluster.hosts()).isEqualTo(2);
    OperationReport book = cluster.operations().get("book");
    assertThat(book.completed()).isEqualTo(40);
    // two hosts, three hot slots each: six bookings, the rest find their slot taken
    assertThat(book.outcomes()).containsEntry("2xx", 6L).containsEntry("409", 34L);
    assertThat(cluster.audit().ran()).isFalse();
    assertThat(cluster.audit().note()).contains("--journal-url");
    assertThat(out.resolve("summary.md")).content().contains("| cluster | book | 40 |");
    // No pid given: the fake listens on loopback in this JVM, so its process is found by the port.
    assertThat(cluster.cpu().parts()).singleElement().satisfies(part -> {
      assertThat(part.name()).isEqualTo("nodes");
      assertThat(part.counted()).singleElement().asString().contains("listening on its port",
          "pid " + ProcessHandle.current().pid());
      assertThat(part.cpuSeconds()).isPositive();
    });
    assertThat(out.resolve("summary.md")).content().contains("## Server-side CPU", "| cluster | **all** |");

    Files.delete(out.resolve("summary.md"));
    Files.delete(out.resolve("latency.png"));
    Files.delete(out.resolve("throughput.png"));
    assertThat(harness("report", out.toString())).as(err.toString()).isZero();
    assertThat(out.resolve("summary.md")).content().contains("| cluster | book | 40 |");
    assertThat(out.resolve("latency.png")).isNotEmptyFile();
    assertThat(out.resolve("throughput.png")).isNotEmptyFile();
  }

  @Test
  void withTheNodesPidTheirCpuOverTheMeasuredWindowIsReported() throws Exception {
    Path out = dir.resolve("cpu");
    long self = ProcessHandle.current().pid(); // the fake node runs in this JVM

    int exit = harness("run", "--scenario", "slots", "--nodes", api.uri().toString(), "--duration", "1s",
        "--rate", "40", "--admin-token", "T", "--hosts", "2", "--out", out.toString(), "--quiet",
        "--node-pids", Long.toString(self));

    assertThat(exit).as(err.toString()).isZero();
    SystemReport run = ReportWriter.read(out).systems().get(0);
    assertThat(run.operations()).containsOnlyKeys("slots");
    assertThat(run.cpu().figureIsPer()).isEqualTo("slots");
    assertThat(run.cpu().answered()).isEqualTo(run.operations().get("slots").completed());
    assertThat(run.cpu().parts()).singleElement().satisfies(part -> {
      assertThat(part.counted()).containsExactly("node pid " + self + " (/proc utime+stime)");
      assertThat(part.cpuSeconds()).isPositive();
      assertThat(part.msPer1000Answered()).isPositive();
    });
    assertThat(run.cpu().msPer1000Answered()).isEqualTo(run.cpu().parts().get(0).msPer1000Answered());
  }

  @Test
  void anAuditThatFindsAcknowledgedBookingsMissingFailsTheRun() throws Exception {
    // A journal with none of the fake's bookings in it: every acknowledged booking is lost.
    PostgresTestServer server = PostgresTestServer.shared();
    String url = server.createDatabase("emptyjournal");
    try (Connection connection = server.connect(url); Statement statement = connection.createStatement()) {
      String ddl = Files.readString(Path.of("..", "deploy", "sql", "postgres-create-schema.sql"));
      statement.execute(ddl.substring(ddl.indexOf("CREATE TABLE IF NOT EXISTS public.event_journal"),
          ddl.indexOf(';', ddl.indexOf("CREATE TABLE IF NOT EXISTS public.event_journal"))));
    }
    Path out = dir.resolve("failed");

    int exit = harness("run", "--scenario", "spread", "--nodes", api.uri().toString(), "--duration", "500ms",
        "--rate", "10", "--admin-token", "T", "--hosts", "3", "--out", out.toString(), "--quiet",
        "--journal-url", url, "--journal-user", server.user(), "--journal-password", server.password());

    assertThat(exit).as(err.toString()).isEqualTo(Harness.AUDIT_FAILED);
    SystemReport run = ReportWriter.read(out).systems().get(0);
    assertThat(run.audit().ran()).isTrue();
    assertThat(run.audit().passed()).isFalse();
    assertThat(run.audit().violations()).isNotEmpty()
        .allSatisfy(v -> assertThat(v.kind()).isEqualTo(Violation.Kind.LOST_BOOKING));
    assertThat(run.audit().violationCount()).isEqualTo(run.operations().get("book").count("2xx"));
    assertThat(out.resolve("summary.md")).content().contains("FAIL", "LOST_BOOKING");
    // A PostgreSQL journal: its server is a part of the CPU figure (measured when it runs on this machine).
    assertThat(run.cpu().parts()).extracting(p -> p.name()).containsExactly("nodes", "database");
  }

  @Test
  void aSystemThatCannotBeReachedIsAnError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    int exit = harness("run", "--scenario", "hotspot", "--nodes", "http://127.0.0.1:" + port, "--duration", "1s",
        "--admin-token", "T", "--out", dir.resolve("x").toString(), "--quiet");

    assertThat(exit).isEqualTo(Harness.ERROR);
    assertThat(err.toString()).contains("create host");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(harness("run", "--scenario", "hotspot")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(harness()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(DurationConverter.parse("60s")).hasSeconds(60);
    assertThat(DurationConverter.parse("500ms")).hasMillis(500);
    assertThat(DurationConverter.parse("2m")).hasMinutes(2);
    assertThat(DurationConverter.parse("PT1H")).hasHours(1);
  }

  private int harness(String... args) {
    return Harness.commandLine().setErr(new PrintWriter(err, true)).execute(args);
  }
}
