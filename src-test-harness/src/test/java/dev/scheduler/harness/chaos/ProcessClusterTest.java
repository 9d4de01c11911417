package dev.scheduler.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** ProcessCluster's levers on stand-in nodes (FakeClusterNode) and a real private PostgreSQL. */
@EnabledOnOs(OS.LINUX) // pause detection reads /proc
class ProcessClusterTest {
  @TempDir
  Path work;

  @Test
  void killStartPauseResumeAndTheDatabaseRestartedInPlace() throws Exception {
    ProcessCluster cluster = ProcessCluster.builder()
        .mainClass(FakeClusterNode.class.getName())
        .heap("64m")
        .workDirectory(work)
        .readyTimeout(Duration.ofSeconds(60))
        .start();
    try (cluster) {
      assertThat(cluster.nodeUrls()).hasSize(3).doesNotHaveDuplicates();
      assertThat(ClusterHealth.notConverged(cluster)).isEmpty();
      // Each node got the database and its own remoting port, with every node as a seed.
      assertThat(cluster.launcher(0).logTail(5)).contains("db " + cluster.jdbcUrl());
      assertThat(ClusterHealth.view(cluster.nodeUrls().get(0), cluster.adminToken()).orElseThrow().members())
          .hasSize(3);

      cluster.kill(1);
      assertThat(cluster.state(1)).isEqualTo(NodeState.EXITED);
      assertThat(cluster.launcher(1).exitValue()).isEqualTo(137);
      assertThat(ClusterHealth.ready(cluster.nodeUrls().get(1))).isFalse();
      assertThat(ClusterHealth.notConverged(cluster)).hasValueSatisfying(p -> assertThat(p).contains("node 1 is EXITED"));
      cluster.start(1);
      assertThat(cluster.state(1)).isEqualTo(NodeState.RUNNING);
      assertThat(ClusterHealth.notConverged(cluster)).isEmpty();

      cluster.pause(2);
      assertThat(cluster.state(2)).isEqualTo(NodeState.PAUSED);
      assertThat(ClusterHealth.ready(cluster.nodeUrls().get(2))).isFalse();
      cluster.resume(2);
      assertThat(cluster.state(2)).isEqualTo(NodeState.RUNNING);
      assertThat(ClusterHealth.ready(cluster.nodeUrls().get(2))).isTrue();

      assertThat(cluster.databaseRestartUnavailable()).isEmpty();
      execute(cluster, "CREATE TABLE survives (v int)", "INSERT INTO survives VALUES (42)");
      cluster.restartDatabase();
      assertThat(queryInt(cluster, "SELECT v FROM survives")).isEqualTo(42);
      cluster.stopDatabase();
      assertThatThrownBy(() -> queryInt(cluster, "SELECT 1")).isInstanceOf(SQLException.class);
      cluster.startDatabase();
      assertThat(queryInt(cluster, "SELECT v FROM survives")).isEqualTo(42);

      assertThat(cluster.canPartition()).isFalse();
      assertThat(cluster.partitionUnavailable()).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
      assertThatThrownBy(() -> cluster.partition(0)).isInstanceOf(UnsupportedOperationException.class);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(cluster.state(i)).isEqualTo(NodeState.EXITED);
    }
  }

  private static Connection connect(ClusterControl cluster) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", cluster.jdbcUser());
    if (!cluster.jdbcPassword().isEmpty()) {
      props.setProperty("password", cluster.jdbcPassword());
    }
    return DriverManager.getConnection(cluster.jdbcUrl(), props);
  }

  static void execute(ClusterControl cluster, String... statements) throws SQLException {
    try (Connection c = connect(cluster); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  static int queryInt(ClusterControl cluster, String sql) throws SQLException {
    try (Connection c = connect(cluster); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    }
  }
}
