package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** One real node on an embedded database, shared by the API tests of a class, with a test clock. */
abstract class NodeApiTestBase {
  /** Monday 2027-03-01, 08:00 in New York. */
  static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  static final String NEW_YORK = "America/New_York";

  @TempDir static Path dataDir;
  static MutableClock clock;
  static SchedulerNode node;
  static SchedulerApiClient api;

  @BeforeAll
  static void startNode() {
    clock = new MutableClock(NOW);
    node = TestNodes.embedded(dataDir, clock);
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void resetClock() {
    clock.set(NOW);
  }

  /** A New York host, weekdays 09:00-17:00, with a 60-minute "intro". */
  static ApiFixture publishedHost() {
    return ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.weekdays(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
  }

  static void assertError(ApiResponse response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.json().path("error").asText()).as(response.toString()).isEqualTo(code);
    assertThat(response.json().path("message").asText()).as(response.toString()).isNotBlank();
  }
}
