package dev.scheduler.node.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pekko Management's {@code /alive} and {@code /ready} on a running node, on a port of their own:
 * ready once the node is an Up member and its journal answers, not ready while it has not joined
 * or while the journal is away, not alive once the journal has been away past the outage limit.
 * The management port is picked free (port 0), as several nodes share this machine. A check that
 * fails answers 500 ("Not Healthy"): Pekko Management's status, which Kubernetes, like any status
 * of 400 and over, counts as a failed probe.
 */
class ManagementEndpointsTest {
  private static final int NOT_HEALTHY = 500;
  private static final Map<String, Object> MANAGEMENT_ON = Map.of(
      "scheduler.management.enabled", "on",
      "pekko.management.http.port", 0);

  @TempDir Path dataDir;

  @Test
  void aSingleNodeIsAliveAndReadyOnceJoined() {
    try (SchedulerNode node = TestNodes.embedded(dataDir, Clock.systemUTC(), MANAGEMENT_ON)) {
      SchedulerApiClient management = management(node);
      assertThat(management.get("/alive", null).status()).isEqualTo(200);
      awaitStatus(management, "/ready", 200, Duration.ofSeconds(30));
      // The API port's own probes stay as they were.
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
      assertThat(api.get("/health/alive", null).status()).isEqualTo(200);
      assertThat(node.managementPort().getAsInt()).isNotEqualTo(node.httpPort());
    }
  }

  @Test
  void aNodeThatHasNotJoinedIsAliveButNotReady() {
    int nobody = Ports.freePort();
    try (SchedulerNode node = SchedulerNode.start(
        TestNodes.config(dataDir, null, 0, List.of("127.0.0.1:" + nobody), MANAGEMENT_ON), Clock.systemUTC())) {
      SchedulerApiClient management = management(node);
      assertThat(management.get("/alive", null).status()).isEqualTo(200);
      ApiResponse ready = management.get("/ready", null);
      assertThat(ready.status()).as(ready.toString()).isEqualTo(NOT_HEALTHY);
      assertThat(ready.body()).contains("Not Healthy");
    }
  }

  @Test
  void readinessAndLivenessFollowTheJournal() {
    try (PostgresTestServer server = PostgresTestServer.start()) {
      var db = new TestNodes.PostgresDatabase(server.createDatabase("management"), server.user(), server.password());
      MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));
      try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, db, 0, List.of(), MANAGEMENT_ON), clock)) {
        SchedulerApiClient management = management(node);
        awaitStatus(management, "/ready", 200, Duration.ofSeconds(30));

        server.stopServer();
        awaitStatus(management, "/ready", NOT_HEALTHY, Duration.ofSeconds(30));
        assertThat(management.get("/alive", null).status()).as("a short outage").isEqualTo(200);
        awaitNotAliveAsTimePasses(management, clock);

        server.startServer();
        awaitStatus(management, "/ready", 200, Duration.ofSeconds(60));
        awaitStatus(management, "/alive", 200, Duration.ofSeconds(30));
      }
    }
  }

  private static SchedulerApiClient management(SchedulerNode node) {
    assertThat(node.managementPort()).as("management port").isPresent();
    return new SchedulerApiClient("http://127.0.0.1:" + node.managementPort().getAsInt());
  }

  // The watch notices the outage at its next probe; time moves past the limit at every poll.
  private static void awaitNotAliveAsTimePasses(SchedulerApiClient management, MutableClock clock) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      clock.advance(Duration.ofSeconds(61));
      if (management.get("/alive", null).status() == NOT_HEALTHY) {
        return;
      }
      sleep(250);
    }
    throw new AssertionError("/alive stayed 200 while the journal failed for a simulated 61 s and more");
  }

  private static void awaitStatus(SchedulerApiClient client, String path, int status, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    ApiResponse last = null;
    while (System.nanoTime() < deadline) {
      last = client.get(path, null);
      if (last.status() == status) {
        return;
      }
      sleep(250);
    }
    throw new AssertionError(path + " stayed " + last + ", expected " + status + " within " + limit);
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
