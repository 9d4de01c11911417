package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.SingleNodeProcess;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anonymous rate limit on a real node process, with the loopback exemption turned off so that
 * this test's own address counts: a burst of 20 at 1 a second. Past it an anonymous listing is 429
 * rate_limited with Retry-After in the JSON error shape, while the host's own token is not limited.
 */
@EnabledOnOs(OS.LINUX)
class AnonymousRateLimitNodeTest {
  private static final int BURST = 20;

  @TempDir static Path work;
  static SingleNodeProcess node;
  static SchedulerApiClient api;

  @BeforeAll
  static void startNode() {
    node = SingleNodeProcess.embedded(work, Map.of(
        "SCHEDULER_HTTP_ANONYMOUS_EXEMPT_LOOPBACK", "false",
        "SCHEDULER_HTTP_ANONYMOUS_BURST", Integer.toString(BURST),
        "SCHEDULER_HTTP_ANONYMOUS_PER_SECOND", "1")).start();
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void pastTheBurstAnonymousListingsAre429WithRetryAfterButTheHostIsNotLimited() {
    ApiFixture host = ApiFixture.newHost(api, "UTC")
        .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(30));
    LocalDate day = LocalDate.now(java.time.Clock.systemUTC()).plusDays(3);

    Map<Integer, Integer> answers = new TreeMap<>();
    ApiResponse refused = null;
    for (int i = 0; i < 3 * BURST; i++) {
      ApiResponse listing = api.slots(host.hostId(), "intro", day, day.plusDays(6), "UTC");
      answers.merge(listing.status(), 1, Integer::sum);
      if (listing.status() == 429 && refused == null) {
        refused = listing;
      }
    }
    int hostReads = 0;
    for (int i = 0; i < 2 * BURST; i++) {
      hostReads += api.get("/api/v1/hosts/" + host.hostId() + "/schedule", host.token()).status() == 200 ? 1 : 0;
    }

    System.out.printf("anonymous rate limit on a node (burst %d, 1/s, loopback not exempt): %d listings answered %s;"
        + " first 429 %s with Retry-After %s; %d of %d reads with the host's token answered 200%n", BURST, 3 * BURST,
        answers, refused, refused == null ? null : refused.header("Retry-After"), hostReads, 2 * BURST);
    assertThat(answers.get(200)).isBetween(BURST, BURST + 5);
    assertThat(refused).isNotNull();
    assertThat(refused.json().path("error").asText()).isEqualTo("rate_limited");
    assertThat(refused.json().path("message").asText()).isNotBlank();
    assertThat(refused.header("Content-Type")).startsWith("application/json");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    assertThat(hostReads).isEqualTo(2 * BURST);
    assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
  }
}
