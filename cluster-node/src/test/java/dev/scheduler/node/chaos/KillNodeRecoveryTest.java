package dev.scheduler.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.chaos.ClusterHealth;
import dev.scheduler.harness.chaos.NodeState;
import dev.scheduler.harness.chaos.ProbeHosts;
import dev.scheduler.harness.chaos.ProcessCluster;
import dev.scheduler.harness.chaos.RecoveryProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes as OS processes on a private PostgreSQL: kill -9 the first seed (the oldest
 * node, so it also holds the shard coordinator), and every host books again through the two
 * survivors; start it again, and it rejoins the same cluster (not one of its own) and every host
 * still books.
 */
@EnabledOnOs(OS.LINUX)
class KillNodeRecoveryTest {
  /** The resolver's wait, shortened as in the other cluster tests so the test stays within a minute. */
  private static final String STABLE_AFTER = "3s";
  /** The answers a client may see while a shard moves: 503 (with Retry-After), or none from a dead node. */
  private static final Set<String> ACCEPTABLE = Set.of("200", "201", "503", "refused", "timeout");

  @TempDir
  Path work;

  @Test
  void everyHostBooksAgainAfterKillMinusNineAndAfterTheRestart() {
    try (ProcessCluster cluster = ProcessCluster.builder()
        .workDirectory(work)
        .env("SCHEDULER_SBR_STABLE_AFTER", STABLE_AFTER)
        .start()) {
      List<RecoveryProbe.Target> hosts = ProbeHosts.create(cluster, "Chaos", 6);
      LocalDate today = LocalDate.now(Clock.systemUTC());
      RecoveryProbe probe = RecoveryProbe.forCluster(cluster, new RecoveryProbe.Settings(
          Duration.ofSeconds(45), Duration.ofSeconds(10), Duration.ofMillis(200), today.plusDays(30),
          today.plusDays(60)));
      assertThat(probe.measure(hosts, Instant.now()).allRecovered()).isTrue();

      Instant killedAt = Instant.now();
      cluster.kill(0);
      assertThat(cluster.state(0)).isEqualTo(NodeState.EXITED);
      RecoveryProbe.Result takeover = probe.measure(hosts, killedAt);
      assertThat(takeover.allRecovered()).as(takeover.summary()).isTrue();
      assertThat(takeover.attempts()).as("no 500, 409 or 422 while shards move: " + takeover.answers())
          .allMatch(a -> ACCEPTABLE.contains(a.answer()));

      cluster.start(0);
      ClusterHealth.awaitConverged(cluster, Duration.ofSeconds(30));
      Instant restartedAt = Instant.now();
      RecoveryProbe.Result afterRestart = probe.measure(hosts, restartedAt);
      assertThat(afterRestart.allRecovered()).as(afterRestart.summary()).isTrue();
      assertThat(afterRestart.attempts()).allMatch(a -> ACCEPTABLE.contains(a.answer()));
      // The restarted first seed joined the survivors: one cluster of three, seen from every node.
      for (int i = 0; i < 3; i++) {
        assertThat(ClusterHealth.view(cluster.nodeUrls().get(i), cluster.adminToken()).orElseThrow().converged(3))
            .as("node %d's view", i).isTrue();
      }
      System.out.println("kill -9 node1: " + takeover.summary() + "; after restart: " + afterRestart.summary());
    }
  }
}
