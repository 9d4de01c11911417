package dev.scheduler.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private FakeProbeCluster api;
  private FakeControl cluster;

  @BeforeEach
  void start() throws Exception {
    api = new FakeProbeCluster(3);
    cluster = new FakeControl(api);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void theStandardPlanHasTheFourFaultsInTheIssuesOrder() {
    Faults.Plan plan = Faults.standard(cluster, ClusterTimings.DEFAULTS, 1);
    assertThat(plan.faults()).extracting(Fault::name).containsExactly(
        "kill -9 node2", "restart PostgreSQL", "pause node2 for 17 s", "partition node2 for 17 s");
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void whatTheClusterCannotDoIsLeftOutWithTheReason() {
    cluster.partitionable = false;
    cluster.databaseRestartable = false;
    Faults.Plan plan = Faults.standard(cluster, ClusterTimings.DEFAULTS, 0);
    assertThat(plan.faults()).extracting(Fault::name).containsExactly("kill -9 node1", "pause node1 for 17 s");
    assertThat(plan.skipped()).containsExactly(
        "restart PostgreSQL: not run, external database", "partition node1: not run, loopback only");
  }

  @Test
  void timingsExceedTheFailureDetectorAndTheResolver() {
    ClusterTimings t = ClusterTimings.DEFAULTS;
    assertThat(t.downingAfter()).isEqualTo(Duration.ofSeconds(6));
    assertThat(t.takeoverAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(t.beyondDowning()).isEqualTo(Duration.ofSeconds(17));
    assertThat(t.withSbrStableAfter(Duration.ofSeconds(7)).beyondDowning()).isEqualTo(Duration.ofSeconds(21));
  }

  @Test
  void killNodeKillsThenStartsAndWaitsForTheWholeCluster() {
    KillNode kill = new KillNode(2, Duration.ZERO, SETTLE);
    kill.inject(cluster);
    assertThat(cluster.state(2)).isEqualTo(NodeState.EXITED);
    String notes = kill.heal(cluster);
    assertThat(cluster.calls).containsExactly("kill 2", "start 2");
    assertThat(notes).startsWith("node3 started again");
  }

  @Test
  void aPausedNodeThatWasDownedIsStartedAgain() {
    PauseNode pause = new PauseNode(0, Duration.ZERO, SETTLE);
    pause.inject(cluster);
    assertThat(cluster.state(0)).isEqualTo(NodeState.PAUSED);
    String notes = pause.heal(cluster);
    assertThat(cluster.calls).containsExactly("pause 0", "resume 0", "start 0");
    assertThat(notes).contains("node1 was downed and had exited before the fault ended");
    assertThat(ClusterHealth.notConverged(cluster)).isEmpty();
  }

  @Test
  void aPausedNodeThatStayedAMemberIsNotRestarted() {
    cluster.downedNodesExit = false;
    PauseNode pause = new PauseNode(0, Duration.ZERO, SETTLE);
    pause.inject(cluster);
    String notes = pause.heal(cluster);
    assertThat(cluster.calls).containsExactly("pause 0", "resume 0");
    assertThat(notes).startsWith("node1 stayed a member");
  }

  @Test
  void aPartitionedNodeThatDownedItselfIsStartedAfterTheCutIsMended() {
    PartitionNode cut = new PartitionNode(1, Duration.ZERO, SETTLE);
    cut.inject(cluster);
    String notes = cut.heal(cluster);
    assertThat(cluster.calls).containsExactly("partition 1", "heal 1", "start 1");
    assertThat(notes).contains("node2 was downed");
  }

  @Test
  void databaseOutageStopsAndStartsOrRestartsAtOnce() {
    RestartDatabase outage = new RestartDatabase(Duration.ofSeconds(5), SETTLE);
    outage.inject(cluster);
    outage.heal(cluster);
    RestartDatabase restart = new RestartDatabase();
    restart.inject(cluster);
    restart.heal(cluster);
    assertThat(cluster.calls).containsExactly("stopDatabase", "startDatabase", "restartDatabase");
    assertThat(outage.name()).isEqualTo("stop PostgreSQL for 5 s");
    assertThat(restart.hold()).isZero();
  }

  @Test
  void theRunnerTimesInjectHoldAndHealAndProbesBeforeAndAfter() {
    // The watch books a fresh slot every half second while the fault lasts: plenty of slots.
    api.host("h1", java.util.stream.IntStream.range(0, 100)
        .mapToObj(i -> java.time.Instant.parse("2030-01-01T00:00:00Z").plusSeconds(1800L * i).toString())
        .toArray(String[]::new));
    RecoveryProbe probe = new RecoveryProbe(cluster.nodeUrls(), n -> cluster.state(n) == NodeState.RUNNING,
        new RecoveryProbe.Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(20),
            LocalDate.parse("2030-01-01"), LocalDate.parse("2030-01-02")), Clock.systemUTC());
    FaultRunner runner = new FaultRunner(cluster, probe, List.of(new RecoveryProbe.Target("h1", "t")),
        Clock.systemUTC());

    FaultRunner.FaultRun run = runner.run(new KillNode(0, Duration.ofMillis(300), SETTLE));

    assertThat(run.error()).isEmpty();
    assertThat(run.healStartedAt()).isAfter(run.injectedAt());
    assertThat(run.healedAt()).isAfterOrEqualTo(run.healStartedAt());
    assertThat(run.duringFault()).hasValueSatisfying(r -> assertThat(r.allRecovered()).isTrue());
    assertThat(run.afterHeal()).hasValueSatisfying(r -> assertThat(r.since()).isEqualTo(run.healedAt()));
    assertThat(run.summary()).startsWith("kill -9 node1: node1 started again");
    // While node1 was down the probe only asked the others.
    assertThat(run.duringFault().orElseThrow().attempts())
        .filteredOn(a -> a.sentAt().isAfter(run.injectedAt()) && a.answeredAt().isBefore(run.healStartedAt()))
        .isNotEmpty().allMatch(a -> a.node() != 0);
  }

  @Test
  void aFaultThatCannotBeInjectedIsReportedNotThrown() {
    cluster.partitionable = false;
    RecoveryProbe probe = new RecoveryProbe(cluster.nodeUrls(), n -> true,
        RecoveryProbe.Settings.defaults(Clock.systemUTC()), Clock.systemUTC());
    FaultRunner.FaultRun run = new FaultRunner(cluster, probe, List.of(), Clock.systemUTC())
        .run(new PartitionNode(0, Duration.ZERO, SETTLE));
    assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("loopback only"));
    assertThat(run.duringFault()).isEmpty();
  }
}
