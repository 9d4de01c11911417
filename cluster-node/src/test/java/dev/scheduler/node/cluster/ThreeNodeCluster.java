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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Three nodes in this JVM, each with its own actor system and HTTP port, on one PostgreSQL. */
final class ThreeNodeCluster implements AutoCloseable {
  final List<SchedulerNode> nodes = new ArrayList<>();
  final List<SchedulerApiClient> clients = new ArrayList<>();

  static ThreeNodeCluster start(Path dataDir, Clock clock) {
    return start(dataDir, clock, java.util.Map.of());
  }

  static ThreeNodeCluster start(Path dataDir, Clock clock, java.util.Map<String, Object> overrides) {
    PostgresTestServer server = PostgresTestServer.shared();
    var db = new TestNodes.PostgresDatabase(server.createDatabase("cluster"), server.user(), server.password());
    int seedPort = Ports.freePort();
    ThreeNodeCluster cluster = new ThreeNodeCluster();
    for (int i = 0; i < 3; i++) {
      int port = i == 0 ? seedPort : Ports.freePort();
      SchedulerNode node = SchedulerNode.start(
          TestNodes.config(dataDir.resolve("node" + i), db, port, List.of("127.0.0.1:" + seedPort), overrides), clock);
      cluster.nodes.add(node);
      cluster.clients.add(new SchedulerApiClient(node.baseUrl()));
    }
    cluster.awaitAllUp(Duration.ofSeconds(60));
    return cluster;
  }

  SchedulerApiClient client(int i) {
    return clients.get(Math.floorMod(i, clients.size()));
  }

  /** Stops one node gracefully: its shards, and their remembered entities, move to the others. */
  void stop(int index) {
    nodes.get(index).close();
    nodes.remove(index);
    clients.remove(index);
  }

  private void awaitAllUp(Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (clients.stream().allMatch(c -> c.get("/health/ready", null).status() == 200) && membersUp() == 3) {
        return;
      }
      sleep(250);
    }
    throw new AssertionError("the three nodes did not form a cluster within " + limit);
  }

  private int membersUp() {
    ApiResponse view = clients.get(0).get("/api/v1/admin/cluster", TestNodes.ADMIN_TOKEN);
    assertThat(view.status()).as(view.toString()).isEqualTo(200);
    int up = 0;
    for (var member : view.json().get("members")) {
      up += member.get("status").asText().equals("Up") ? 1 : 0;
    }
    return up;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
  }
}
