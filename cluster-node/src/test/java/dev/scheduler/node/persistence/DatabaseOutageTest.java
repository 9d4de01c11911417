package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under a running node: readiness says so, a booking attempt answers 503 (its
 * outcome is unknown, so never 409 or 500), and once the database is back the node is ready again
 * and a retry with the same Idempotency-Key books the slot exactly once. The node stays alive
 * through the outage until it has lasted longer than the journal outage limit (60 s by default,
 * passed here on the node's clock): then it reports not alive, so that an orchestrator would
 * replace it, and alive again once the journal answers.
 */
class DatabaseOutageTest {
  private static final String SLOT = "2027-03-02T14:00:00Z";

  @TempDir Path dataDir;

  @Test
  void readinessAndBookingFollowTheDatabase() {
    try (PostgresTestServer server = PostgresTestServer.start()) {
      var db = new TestNodes.PostgresDatabase(server.createDatabase("outage"), server.user(), server.password());
      MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));
      try (SchedulerNode node = TestNodes.postgres(dataDir, db, 0, List.of(), clock)) {
        SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
        ApiFixture host = ApiFixture.newHost(api, "America/New_York")
            .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
            .eventType("intro", Bodies.eventType(60));
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);

        server.stopServer();
        awaitReadiness(api, 503, Duration.ofSeconds(30));
        ApiResponse during = api.book(host.hostId(), null, Bodies.booking("intro", SLOT, "UTC"), "order-1");
        assertThat(during.status()).as(during.toString()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotNull();
        assertThat(api.get("/health/alive", null).status()).as("a short outage").isEqualTo(200);
        awaitNotAliveAsTimePasses(api, clock);

        server.startServer();
        awaitReadiness(api, 200, Duration.ofSeconds(60));
        awaitStatus(api, "/health/alive", 200, Duration.ofSeconds(30));
        ApiResponse retried = retryUntilAnswered(api, host);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        ApiResponse list = api.listBookings(host.hostId(), host.token(), null, null, null);
        assertThat(list.json().get("bookings")).hasSize(1);
      }
    }
  }

  // The entity restarts with backoff after the failed write; until it is back a retry may still
  // get 503, which is the honest answer. Anything but 201 or 503 fails the test.
  private static ApiResponse retryUntilAnswered(SchedulerApiClient api, ApiFixture host) {
    ApiResponse answer = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      answer = api.book(host.hostId(), null, Bodies.booking("intro", SLOT, "UTC"), "order-1");
      if (answer.status() != 503) {
        return answer;
      }
    }
    return answer;
  }

  // The watch notices the outage at its own next probe, which may come after readiness did. Time
  // moves past the limit at every poll, so the test waits for the watch, not the other way round.
  private static void awaitNotAliveAsTimePasses(SchedulerApiClient api, MutableClock clock) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      clock.advance(Duration.ofSeconds(61));
      if (api.get("/health/alive", null).status() == 503) {
        return;
      }
      sleep(250);
    }
    throw new AssertionError("/health/alive stayed 200 while the journal failed for a simulated 61 s and more");
  }

  private static void awaitReadiness(SchedulerApiClient api, int status, Duration limit) {
    awaitStatus(api, "/health/ready", status, limit);
  }

  private static void awaitStatus(SchedulerApiClient api, String path, int status, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = api.get(path, null).status();
      if (last == status) {
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
