package dev.scheduler.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code target/harness.jar} as a user runs it ({@code java -jar}), after {@code package}:
 * its classes log through SLF4J, so the jar must carry a provider and a console configuration.
 * {@code harness baseline} is the subcommand under test because {@code BaselineServer} logs a line
 * when it serves.
 */
class HarnessJarLoggingIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  /** harness-logback.xml's pattern: time, level, the logger's simple name, the message. */
  private static final Pattern SERVING_LOG_LINE = Pattern.compile(
      "(?m)^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  BaselineServer - Baseline exclusion serving "
          + "http://127\\.0\\.0\\.1:\\d+ \\(schema \\w+, 16 connections\\)$");

  @Test
  void theJarLogsThroughItsOwnConsoleConfiguration() throws Exception {
    Path jar = Path.of(System.getProperty("harness.jar", "target/harness.jar"));
    assertThat(jar).as("the shaded jar, built by package before failsafe runs").isRegularFile();
    PostgresTestServer postgres = PostgresTestServer.shared();
    String dbUrl = postgres.createDatabase("harness_jar_it");

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "baseline", "--strategy", "exclusion", "--port", "0", "--db-url", dbUrl,
        "--db-user", postgres.user(), "--admin-token", "it-admin"));
    if (!postgres.password().isEmpty()) {
      command.addAll(List.of("--db-password", postgres.password()));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Options from the developer's shell (a -Dlogback.configurationFile, the JVM's "Picked up ..."
    // notice) would blur what the jar does on its own.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process process = builder.start();
    Output output = new Output(process);
    try {
      output.awaitLine("Ctrl-C stops it.", process, STARTUP);
    } finally {
      // SIGTERM: the shutdown hook closes the server and prints its counters. Through the handle,
      // because Process.destroy() also closes our end of the pipe, and the counters would be lost.
      process.toHandle().destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    output.join();
    String text = output.text();

    assertThat(text).as("output of %s", command)
        .doesNotContain("SLF4J")            // "No SLF4J providers were found", or several
        .doesNotContain("ch.qos.logback")   // logback's own complaints about its configuration
        .containsPattern(SERVING_LOG_LINE)
        .contains("Stopped. ");
  }

  /** Everything the process writes, read on a thread of its own so that the pipe never fills up. */
  private static final class Output {
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;

    Output(Process process) {
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            synchronized (text) {
              text.append(line).append('\n');
              text.notifyAll();
            }
          }
        } catch (IOException e) {
          synchronized (text) {
            text.append("(reading the output failed: ").append(e).append(")\n");
          }
        }
      }, "harness-jar-output");
      reader.setDaemon(true);
      reader.start();
    }

    void awaitLine(String marker, Process process, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (text) {
        while (text.indexOf(marker) < 0) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
            throw new AssertionError("no '" + marker + "' from harness.jar within " + timeout
                + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                + "; its output:\n" + text);
          }
          text.wait(Math.min(left, 200));
        }
      }
    }

    void join() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }
  }
}
