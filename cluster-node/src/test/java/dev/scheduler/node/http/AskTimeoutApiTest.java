package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.ApiResponse;
import dev.scheduler.harness.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a host's entity does not answer in time the outcome is unknown: the API says 503 with
 * Retry-After, never 409 or 500. A one-millisecond ask timeout is shorter than any first answer,
 * which needs the shard allocated and the entity recovered.
 */
class AskTimeoutApiTest {
  @TempDir Path dataDir;

  @Test
  void anUnansweredAskIsA503WithRetryAfter() {
    try (SchedulerNode node = TestNodes.embedded(dataDir, new MutableClock(Instant.parse("2027-03-01T00:00:00Z")),
        Map.of("scheduler.http.ask-timeout", "1ms"))) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiResponse created = api.createHost(TestNodes.ADMIN_TOKEN, "Ann", "ann@example.com", "UTC");
      assertThat(created.status()).as(created.toString()).isEqualTo(503);
      assertThat(created.header("Retry-After")).isEqualTo("2");
      assertThat(created.json().get("error").asText()).isEqualTo("unavailable");
    }
  }
}
