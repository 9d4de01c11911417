package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.FeedConnections;
import dev.scheduler.node.testkit.FeedServer;
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
 * A feed that keeps failing is quarantined: its retry time shows in the connection's view, a
 * restarted node does not read it again before that time, and the host (or the admin) removes it.
 */
class FeedQuarantineTest {
  private static final Map<String, Object> SETTINGS = Map.of(
      "scheduler.ics.allow-private-addresses", "on",
      "scheduler.sync.retry-base", "200ms",
      "scheduler.sync.quarantine.after-failures", 3,
      "scheduler.sync.quarantine.first", "2 minutes");

  @TempDir Path dataDir;

  @Test
  void repeatedFailuresQuarantineAcrossARestartAndTheConnectionCanBeRemoved() throws Exception {
    try (FeedServer feeds = new FeedServer().serve("/down.ics", 503, "").serve("/html.ics", 200, "<html>login")) {
      String hostId;
      String token;
      String failing;
      String notACalendar;
      int hitsBeforeRestart;
      try (SchedulerNode node = start()) {
        ApiFixture host = published(new SchedulerApiClient(node.baseUrl()));
        hostId = host.hostId();
        token = host.token();
        Instant added = Instant.now();
        failing = FeedConnections.add(host, feeds.url("/down.ics"));
        notACalendar = FeedConnections.add(host, feeds.url("/html.ics"));

        JsonNode down = FeedConnections.await(host, failing, Duration.ofSeconds(20),
            FeedConnections.status("quarantined"));
        System.out.printf("503 feed quarantined after %d requests in %d ms: %s%n", feeds.hits("/down.ics"),
            Duration.between(added, Instant.now()).toMillis(), down);
        assertThat(feeds.hits("/down.ics")).isEqualTo(3);
        assertThat(down.path("lastError").asText()).isEqualTo("The feed's server answered with a server error (5xx)");
        Instant retryAt = Instant.parse(down.path("nextRetryAt").asText());
        assertThat(retryAt).isBetween(Instant.now().plusSeconds(90), Instant.now().plusSeconds(125));

        // Not a calendar is fatal: one read, quarantined at once, and the page is not quoted.
        JsonNode html = FeedConnections.await(host, notACalendar, Duration.ofSeconds(20),
            FeedConnections.status("quarantined"));
        assertThat(feeds.hits("/html.ics")).isEqualTo(1);
        assertThat(html.path("lastError").asText()).contains("not a calendar").doesNotContain("html").doesNotContain("login");

        // Asking for a sync does not cut the quarantine short.
        Thread.sleep(1500);
        hitsBeforeRestart = feeds.allHits();
        assertThat(hitsBeforeRestart).isEqualTo(4);
      }

      try (SchedulerNode node = start()) {
        SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
        ApiFixture host = new ApiFixture(api, hostId, token);
        Thread.sleep(5000); // remembered connections start again within this
        JsonNode down = FeedConnections.view(host, failing);
        System.out.printf("after a restart: %d new feed requests in 5 s; %s%n", feeds.allHits() - hitsBeforeRestart,
            down);
        assertThat(feeds.allHits()).as("a restart does not re-run a quarantined sync").isEqualTo(hitsBeforeRestart);
        assertThat(down.path("status").asText()).isEqualTo("quarantined");

        ApiResponse removed = FeedConnections.remove(host, failing);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        ApiFixture admin = new ApiFixture(api, hostId, TestNodes.ADMIN_TOKEN);
        ApiResponse removedByAdmin = FeedConnections.remove(admin, notACalendar);
        assertThat(removedByAdmin.status()).as(removedByAdmin.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/hosts/" + hostId + "/calendars", token).json().path("calendars")).isEmpty();
      }
    }
  }

  private SchedulerNode start() {
    return SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), SETTINGS), Clock.systemUTC());
  }

  private static ApiFixture published(SchedulerApiClient api) {
    return ApiFixture.newHost(api, "UTC").schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(30));
  }
}
