package dev.scheduler.harness.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs short-lived helper programs (initdb, pg_ctl, id, useradd) for the PostgreSQL starter. */
final class OsCommands {
  private OsCommands() {}

  /**
   * Runs a command with its output appended to {@code outputFile}; returns the exit code.
   * Output goes to a file, not a pipe, because pg_ctl leaves a daemon behind that could hold a
   * pipe open and block a reader forever.
   */
  static int run(List<String> command, Path workDir, Path outputFile, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    withoutLibpqVariables(builder);
    try {
      Files.writeString(outputFile, "$ " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Stdout of a quick command that succeeded, trimmed; empty when it failed or is missing. */
  static Optional<String> output(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    withoutLibpqVariables(builder);
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? Optional.of(out.trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** PGDATA, PGPORT, PGHOST and friends from the developer's shell would redirect initdb/pg_ctl. */
  private static void withoutLibpqVariables(ProcessBuilder builder) {
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
  }
}
