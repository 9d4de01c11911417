package dev.scheduler.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes started as on Kubernetes (SCHEDULER_CLUSTER_BOOTSTRAP=kubernetes: no seed nodes, no
 * joining themselves) form one cluster through Cluster Bootstrap, and each answers {@code /ready}.
 * Only the discovery is swapped: the Kubernetes API's pod list is replaced by Pekko's config
 * discovery of the three management ports on this machine, so bootstrap's probing of each other's
 * management, the agreement and the lowest address forming the cluster all run for real.
 */
class ClusterBootstrapTest {
  @TempDir Path dataDir;

  @Test
  void threeNodesFormOneClusterThroughBootstrap() {
    PostgresTestServer server = PostgresTestServer.shared();
    var db = new TestNodes.PostgresDatabase(server.createDatabase("bootstrap"), server.user(), server.password());
    List<Integer> managementPorts = List.of(Ports.freePort(), Ports.freePort(), Ports.freePort());
    List<Map<String, Object>> endpoints = managementPorts.stream()
        .<Map<String, Object>>map(port -> Map.of("host", "127.0.0.1", "port", port))
        .toList();
    List<SchedulerNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("scheduler.management.cluster-bootstrap", "kubernetes");
        overrides.put("pekko.management.http.port", managementPorts.get(i));
        overrides.put("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method", "config");
        overrides.put("pekko.discovery.config.services.scheduler.endpoints", endpoints);
        nodes.add(SchedulerNode.start(
            TestNodes.config(dataDir.resolve("node" + i), db, Ports.freePort(), List.of(), overrides), Clock.systemUTC()));
      }
      for (SchedulerNode node : nodes) {
        awaitReady(new SchedulerApiClient("http://127.0.0.1:" + node.managementPort().getAsInt()), Duration.ofSeconds(90));
      }
      // Each node is ready once it sees itself Up; the others may learn of it a gossip round later.
      awaitThreeUp(new SchedulerApiClient(nodes.get(2).baseUrl()), Duration.ofSeconds(30));
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
    }
  }

  private static void awaitThreeUp(SchedulerApiClient api, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    ApiResponse view = null;
    while (System.nanoTime() < deadline) {
      view = api.get("/api/v1/admin/cluster", TestNodes.ADMIN_TOKEN);
      assertThat(view.status()).as(view.toString()).isEqualTo(200);
      int up = 0;
      for (var member : view.json().get("members")) {
        up += member.get("status").asText().equals("Up") ? 1 : 0;
      }
      if (up == 3) {
        return;
      }
      sleep(250);
    }
    throw new AssertionError("not three members Up within " + limit + ": " + view);
  }

  private static void awaitReady(SchedulerApiClient management, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    ApiResponse last = null;
    while (System.nanoTime() < deadline) {
      last = management.get("/ready", null);
      if (last.status() == 200) {
        return;
      }
      sleep(250);
    }
    throw new AssertionError(management.baseUrl() + "/ready stayed " + last + " for " + limit);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
