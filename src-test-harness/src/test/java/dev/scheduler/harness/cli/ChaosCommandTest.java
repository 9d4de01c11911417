package dev.scheduler.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.chaos.RecoveryProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code harness chaos} end to end against three fake nodes in this JVM (FakeChaosCluster): host
 * setup, the probe, the load through the faults, the audit of the fake's history, the report and
 * the exit code. Holds and settle times of a second keep it to a few seconds.
 */
class ChaosCommandTest {
  @TempDir Path dir;
  private FakeChaosCluster cluster;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeChaosCluster();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theFourFaultsUnderLoadEachGetTheirRowAndTheirOwnFailures() throws Exception {
    cluster.answer500WhilePaused = true;
    cluster.loseABookingAfterDatabaseRestart = true;
    Path out = dir.resolve("all");

    int exit = chaos("--out", out.toString(), "--hosts", "6", "--rate", "60", "--days", "2", "--probe-hosts", "3",
        "--hold", "1s", "--settle", "1s", "--timeout", "2s", "--quiet");

    // A 500 (while paused) and a lost booking (after the PostgreSQL restart): both fail the run.
    assertThat(exit).as(err.toString()).isEqualTo(Harness.AUDIT_FAILED);
    assertThat(cluster.calls()).containsExactly("kill 0", "start 0", "restartDatabase", "pause 0", "resume 0",
        "partition 0", "heal 0");
    ChaosReport report = ChaosCommand.read(out);
    assertThat(report.faults()).extracting(ChaosReport.FaultReport::fault).containsExactly(
        "kill -9 node1", "restart PostgreSQL", "pause node1 for 1 s", "partition node1 for 1 s");
    assertThat(report.skipped()).isEmpty();
    ChaosReport.FaultReport kill = report.faults().get(0);
    ChaosReport.FaultReport pg = report.faults().get(1);
    ChaosReport.FaultReport pause = report.faults().get(2);
    ChaosReport.FaultReport partition = report.faults().get(3);

    // Each fault's failures land in its own window, and nowhere else.
    assertThat(kill.window().attemptsByKind()).containsKey("refused").containsKey("503 with Retry-After");
    assertThat(pg.window().unavailableWithoutRetryAfter()).isPositive();
    assertThat(pause.window().serverErrors()).isPositive();
    assertThat(partition.window().unavailableWithRetryAfter()).isPositive();
    for (ChaosReport.FaultReport f : List.of(kill, pg, partition)) {
      assertThat(f.window().serverErrors()).as(f.fault()).isZero();
    }
    assertThat(kill.window().unavailableWithoutRetryAfter()).isZero();
    assertThat(pause.window().attemptsByKind()).doesNotContainKey("refused");
    assertThat(report.leadIn().failedAttempts()).isZero();
    assertThat(report.leadIn().requestsSent()).isPositive();
    assertThat(report.wrongAnswers()).isEqualTo(pause.window().serverErrors());
    assertThat(report.wrongAnswerDetails()).isNotEmpty().allMatch(l -> l.contains("pause node1 for 1 s: 500 to"));

    // Windows follow one another; every fault was timed and every probe host booked again.
    assertThat(kill.windowEnd()).isEqualTo(pg.injectedAt());
    assertThat(partition.windowEnd()).isEqualTo(report.loadEndedAt());
    for (ChaosReport.FaultReport f : report.faults()) {
      assertThat(f.error()).as(f.fault()).isNull();
      assertThat(f.healedAt()).isAfterOrEqualTo(f.healStartedAt());
      assertThat(f.recovery().fromInjectionSeconds()).as(f.fault()).isNotNull();
      assertThat(f.recovery().fromHealSeconds()).as(f.fault()).isNotNull();
      assertThat(f.recovery().recoveredDuring()).isEqualTo(3);
    }

    // The lost booking is the audit's one violation, in the PostgreSQL restart's window.
    assertThat(report.audit().ran()).isTrue();
    assertThat(report.audit().passed()).isFalse();
    assertThat(report.audit().violations()).isEqualTo(1);
    assertThat(report.audit().violationsByWindow()).containsExactly(Map.entry("restart PostgreSQL", 1));
    assertThat(report.audit().violationLines().get(0)).startsWith("LOST_BOOKING");
    assertThat(pg.violations()).isEqualTo(1);
    assertThat(kill.violations()).isZero();

    assertThat(out.resolve(ChaosCommand.CHAOS_MD)).content()
        .contains("| kill -9 node1 |", "| restart PostgreSQL |", "| pause node1 for 1 s |",
            "| partition node1 for 1 s |", "**1 violation(s)**", "5xx other than 503", "Nothing: every fault",
            "## Wrong answers");
    assertThat(out.resolve(ChaosCommand.CHAOS_PNG)).isNotEmptyFile();
    assertThat(out.resolve("result.json")).isNotEmptyFile();
    assertThat(out.resolve("summary.md")).isNotEmptyFile();
  }

  @Test
  void aCleanRunPassesAndSaysWhatWasSkippedAndWhy() throws Exception {
    cluster.partitionable = false;
    Path out = dir.resolve("clean");

    int exit = chaos("--out", out.toString(), "--hosts", "4", "--rate", "40", "--days", "2", "--probe-hosts", "2",
        "--hold", "1s", "--settle", "1s", "--timeout", "2s", "--victim", "2", "--faults", "kill,partition", "--quiet");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(cluster.calls()).containsExactly("kill 1", "start 1");
    ChaosReport report = ChaosCommand.read(out);
    assertThat(report.passed()).isTrue();
    assertThat(report.faults()).extracting(ChaosReport.FaultReport::fault).containsExactly("kill -9 node2");
    assertThat(report.skipped()).containsExactly("restart PostgreSQL: not asked for (--faults)",
        "pause node2: not asked for (--faults)", "partition node2: not run, loopback only");
    assertThat(report.audit().passed()).isTrue();
    assertThat(report.audit().violationsByWindow()).isEmpty();
    assertThat(out.resolve(ChaosCommand.CHAOS_MD)).content()
        .contains("**Audit: PASS**", "**Wrong answers: none**", "partition node2: not run, loopback only",
            "| kill -9 node2 |");
  }

  @Test
  void badArgumentsAreUsageErrorsAndTheCommandIsRegistered() {
    assertThat(chaos("--out", dir.toString(), "--faults", "kill,flood")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown fault 'flood'");
    assertThat(chaos("--out", dir.toString(), "--victim", "4")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(chaos("--out", dir.toString(), "--netns")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(cluster.calls()).isEmpty();
    assertThat(Harness.commandLine().getSubcommands()).containsKey("chaos");
  }

  private int chaos(String... args) {
    ChaosCommand command = new ChaosCommand();
    command.clusterOpener = (script, start, netns) -> cluster;
    command.historyOpener = (url, user, password, hostIds) -> () -> cluster.history(hostIds);
    LocalDate today = LocalDate.now(Clock.systemUTC());
    command.probeSettings = new RecoveryProbe.Settings(Duration.ofSeconds(10), Duration.ofSeconds(2),
        Duration.ofMillis(20), today.plusDays(30), today.plusDays(34), Duration.ofMillis(200));
    return new CommandLine(command).setErr(new PrintWriter(err, true)).execute(args);
  }
}
