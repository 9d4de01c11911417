package dev.scheduler.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** deploy/local-cluster.sh's subcommands through ScriptCluster, on stand-in nodes and a real PostgreSQL. */
@EnabledOnOs(OS.LINUX)
class ScriptClusterTest {

  @Test
  void everyLeverOfTheScriptOnLoopback() throws Exception {
    assumeTrue(ScriptClusterFixture.installedPostgres().isPresent(), "the script needs installed PostgreSQL binaries");
    try (ScriptClusterFixture fixture = new ScriptClusterFixture()) {
      ScriptCluster cluster = ScriptCluster.start(fixture.script, fixture.env, false);
      try (cluster) {
        int httpBase = Integer.parseInt(fixture.env.get("LOCAL_CLUSTER_HTTP_BASE"));
        assertThat(cluster.mode()).isEqualTo("loopback");
        assertThat(cluster.nodeUrls()).containsExactly(URI.create("http://127.0.0.1:" + (httpBase + 1)),
            URI.create("http://127.0.0.1:" + (httpBase + 2)), URI.create("http://127.0.0.1:" + (httpBase + 3)));
        assertThat(cluster.adminToken()).isNotBlank();
        assertThat(cluster.nodeLog(0)).exists();

        // status keeps the format the README shows.
        assertThat(fixture.run("status").output().lines().toList()).containsExactly(
            "node1 http://127.0.0.1:" + (httpBase + 1) + "/ ready=yes",
            "node2 http://127.0.0.1:" + (httpBase + 2) + "/ ready=yes",
            "node3 http://127.0.0.1:" + (httpBase + 3) + "/ ready=yes");

        cluster.kill(0);
        assertThat(cluster.state(0)).isEqualTo(NodeState.EXITED);
        assertThat(ClusterHealth.ready(cluster.nodeUrls().get(0))).isFalse();
        assertThatThrownBy(() -> cluster.kill(0)).hasMessageContaining("node1 is not running");
        cluster.start(0);
        assertThat(cluster.state(0)).isEqualTo(NodeState.RUNNING);
        assertThat(ClusterHealth.ready(cluster.nodeUrls().get(0))).isTrue();

        cluster.pause(1);
        assertThat(cluster.state(1)).isEqualTo(NodeState.PAUSED);
        cluster.resume(1);
        assertThat(cluster.state(1)).isEqualTo(NodeState.RUNNING);

        // Every node is a seed, so a restarted node1 joins the others instead of founding a cluster.
        assertThat(ClusterHealth.view(cluster.nodeUrls().get(0), cluster.adminToken()).orElseThrow().members())
            .hasSize(3);

        assertThat(cluster.databaseRestartUnavailable()).isEmpty();
        ProcessClusterTest.execute(cluster, "CREATE TABLE survives (v int)", "INSERT INTO survives VALUES (7)");
        cluster.restartDatabase();
        assertThat(ProcessClusterTest.queryInt(cluster, "SELECT v FROM survives")).isEqualTo(7);
        cluster.stopDatabase();
        assertThatThrownBy(() -> ProcessClusterTest.queryInt(cluster, "SELECT 1")).isInstanceOf(java.sql.SQLException.class);
        cluster.startDatabase();
        assertThat(ProcessClusterTest.queryInt(cluster, "SELECT v FROM survives")).isEqualTo(7);

        assertThat(cluster.partitionUnavailable()).hasValueSatisfying(r -> assertThat(r).contains("LOCAL_CLUSTER_NETNS=1"));
        assertThatThrownBy(() -> cluster.partition(0)).isInstanceOf(UnsupportedOperationException.class);

        // Someone else's control on the same cluster sees the same nodes and leaves them running.
        ScriptCluster attached = ScriptCluster.attach(fixture.script, fixture.env);
        assertThat(attached.nodeUrls()).isEqualTo(cluster.nodeUrls());
        attached.close();
        assertThat(cluster.state(2)).isEqualTo(NodeState.RUNNING);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(cluster.state(i)).isEqualTo(NodeState.EXITED);
      }
      assertThat(fixture.run("status").output()).contains("ready=no");
    }
  }

  @Test
  void badNodeNumbersAreRefused() throws Exception {
    try (ScriptClusterFixture fixture = new ScriptClusterFixture()) {
      ShellCommand.Result result = fixture.run("kill", "4");
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.output()).contains("node must be 1, 2 or 3");
      assertThat(fixture.run("frobnicate").exitCode()).isEqualTo(2);
      assertThat(List.of(fixture.run("node-state", "2").output())).containsExactly("exited");
    }
  }
}
