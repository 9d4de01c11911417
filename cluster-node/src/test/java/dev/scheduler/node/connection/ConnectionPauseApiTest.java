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
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator pauses a real ICS feed's sync over the API: the feed server sees no request for many
 * poll intervals, the feed's busy time still blocks its slot, the pause holds across a node
 * restart, and resuming fetches the feed again at once.
 */
class ConnectionPauseApiTest {
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final Duration POLL = Duration.ofMillis(200);
  private static final LocalDate TUESDAY = LocalDate.parse("2027-03-02");
  private static final String BUSY_START = "2027-03-02T14:00:00Z";
  private static final String FEED = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN",
      "BEGIN:VEVENT", "UID:standup@example.com", "SUMMARY:Standup", "DTSTART:20270302T140000Z",
      "DTEND:20270302T150000Z", "END:VEVENT", "END:VCALENDAR", "");

  @TempDir Path dataDir;

  @Test
  void aPausedFeedIsNotFetchedStillBlocksAndStaysPausedAcrossARestartUntilResumed() throws Exception {
    try (FeedServer feeds = new FeedServer().serve("/ann.ics", 200, FEED)) {
      ApiFixture host;
      String id;
      int hitsWhilePaused;
      try (SchedulerNode node = start()) {
        SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
        host = ApiFixture.newHost(api, "America/New_York")
            .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
            .eventType("intro", Bodies.eventType(60));
        id = FeedConnections.add(host, feeds.url("/ann.ics"));
        FeedConnections.await(host, id, Duration.ofSeconds(20), FeedConnections.status("ok"));
        assertThat(slotStarts(host)).doesNotContain(BUSY_START);

        JsonNode paused = control(host, id, "pause", host.token());
        assertThat(paused.get("id").asText()).isEqualTo(id);
        assertThat(paused.get("status").asText()).isEqualTo("paused");
        assertThat(paused.get("busyIntervals").asInt()).isEqualTo(1);
        Thread.sleep(POLL.toMillis() * 2); // a read already handed to the feed pool may still land
        hitsWhilePaused = feeds.hits("/ann.ics");
        Thread.sleep(POLL.toMillis() * 8);
        assertThat(feeds.hits("/ann.ics")).as("no fetch for 8 poll intervals while paused").isEqualTo(hitsWhilePaused);
        assertThat(slotStarts(host)).as("its last busy time still counts").doesNotContain(BUSY_START);
        assertThat(control(host, id, "pause", TestNodes.ADMIN_TOKEN).get("status").asText())
            .as("the admin may pause too; pausing again answers the same").isEqualTo("paused");
      }

      try (SchedulerNode node = start()) {
        host = new ApiFixture(new SchedulerApiClient(node.baseUrl()), host.hostId(), host.token());
        assertThat(FeedConnections.view(host, id).get("status").asText()).isEqualTo("paused");
        Thread.sleep(POLL.toMillis() * 5);
        assertThat(feeds.hits("/ann.ics")).as("no fetch after the restart either").isEqualTo(hitsWhilePaused);
        assertThat(slotStarts(host)).doesNotContain(BUSY_START);

        JsonNode resumed = control(host, id, "resume", host.token());
        assertThat(resumed.get("status").asText()).isIn("syncing", "ok");
        FeedConnections.await(host, id, Duration.ofSeconds(20), FeedConnections.status("ok"));
        assertThat(feeds.hits("/ann.ics")).as("resuming fetched the feed again").isGreaterThan(hitsWhilePaused);
        assertThat(control(host, id, "resume", host.token()).get("status").asText())
            .as("resuming a running sync answers it unchanged").isEqualTo("ok");
        // Paused and resumed within one run of the node: the new sync reads with a fresh source (the
        // stopped sync closed its own, and a closed feed source cancels every read).
        control(host, id, "pause", TestNodes.ADMIN_TOKEN);
        int beforeResume = feeds.hits("/ann.ics");
        control(host, id, "resume", TestNodes.ADMIN_TOKEN);
        Thread.sleep(POLL.toMillis() * 5);
        JsonNode again = FeedConnections.view(host, id);
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("ok");
        assertThat(again.path("lastError").isNull() || again.path("lastError").isMissingNode()).as(again.toString())
            .isTrue();
        assertThat(feeds.hits("/ann.ics")).isGreaterThan(beforeResume);
        ApiResponse unknown = host.api().post("/api/v1/hosts/" + host.hostId() + "/calendars/" + "z".repeat(20)
            + "/pause", host.token(), Map.of(), Map.of());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
      }
    }
  }

  private SchedulerNode start() {
    return SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), Map.of(
        "scheduler.ics.allow-private-addresses", "on", "scheduler.sync.poll-interval", POLL.toMillis() + "ms",
        "scheduler.sync.retry-base", "50ms", "scheduler.sync.retry-cap", "200ms")), new MutableClock(NOW));
  }

  private static JsonNode control(ApiFixture host, String id, String action, String token) {
    ApiResponse answer = host.api().post("/api/v1/hosts/" + host.hostId() + "/calendars/" + id + "/" + action, token,
        Map.of(), Map.of());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private static List<String> slotStarts(ApiFixture host) {
    List<String> starts = new ArrayList<>();
    host.api().slots(host.hostId(), "intro", TUESDAY, TUESDAY, null).json().at("/days/0/slots")
        .forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }
}
