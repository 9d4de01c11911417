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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen feeds that send their headers and then one byte a second. The whole-read deadline (5 s
 * here) cuts each read, not a per-read timeout the drip keeps resetting; a normal feed added after
 * them syncs while they keep failing; removing a slow connection hangs up its read at once.
 */
class SlowFeedsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @TempDir Path dataDir;

  @Test
  void slowFeedsAreCutAtTheDeadlineAndHoldNothingOnceRemoved() throws Exception {
    try (FeedServer feeds = new FeedServer()) {
      for (int i = 0; i < 16; i++) {
        feeds.drip("/slow-" + i + ".ics", Duration.ofSeconds(1));
      }
      feeds.serve("/normal.ics", 200, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
          + "UID:a\r\nDTSTART:20300101T100000Z\r\nDTEND:20300101T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
      Map<String, Object> settings = Map.of("scheduler.ics.allow-private-addresses", "on",
          "scheduler.ics.read-deadline", DEADLINE.toMillis() + "ms");
      try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings),
          Clock.systemUTC())) {
        ApiFixture host = ApiFixture.newHost(new SchedulerApiClient(node.baseUrl()), "UTC")
            .schedule(Bodies.everyDay("UTC", "09:00", "17:00")).eventType("intro", Bodies.eventType(30));
        Map<String, String> slow = new HashMap<>();
        for (int i = 0; i < 16; i++) {
          slow.put("/slow-" + i + ".ics", FeedConnections.add(host, feeds.url("/slow-" + i + ".ics")));
        }
        awaitDripping(feeds, 8);

        Instant added = Instant.now();
        String normal = FeedConnections.add(host, feeds.url("/normal.ics"));
        FeedConnections.await(host, normal, Duration.ofSeconds(40), FeedConnections.status("ok"));
        Duration normalSynced = Duration.between(added, Instant.now());

        JsonNode timedOut = FeedConnections.await(host, slow.get("/slow-0.ics"), Duration.ofSeconds(30),
            view -> view.path("lastError").asText().startsWith("The feed did not load within the time allowed"));
        assertThat(timedOut.path("status").asText()).isIn("degraded", "quarantined");

        // Remove a connection just after its read began: its read ends long before the deadline would.
        String victim = awaitFreshDrip(feeds);
        Instant removedAt = Instant.now();
        ApiResponse removed = FeedConnections.remove(host, slow.get(victim));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        Instant hungUp = awaitHangUp(feeds, victim, removedAt);
        Duration freedAfter = Duration.between(removedAt, hungUp);

        Duration longestRead = feeds.dripLengths().stream().max(Comparator.naturalOrder()).orElseThrow();
        System.out.printf("slow feeds: %d dripping reads cut, longest %d ms (deadline %d ms); a normal feed added "
                + "behind 16 slow ones synced in %d ms; a removed connection's read hung up %d ms after the DELETE%n",
            feeds.dripLengths().size(), longestRead.toMillis(), DEADLINE.toMillis(), normalSynced.toMillis(),
            freedAfter.toMillis());
        // The server notices a hang-up only at its second write after it (the first still fits the
        // socket's buffer), so it can see a read last up to two drips past the deadline.
        assertThat(longestRead).isLessThan(DEADLINE.plusSeconds(3));
        assertThat(normalSynced).isLessThan(Duration.ofSeconds(30));
        // Its deadline would come at least 4.5 s after the DELETE, plus up to a second before the drip notices.
        assertThat(freedAfter).isLessThan(Duration.ofMillis(4000));
      }
    }
  }

  private static void awaitDripping(FeedServer feeds, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (feeds.drippingNow().size() < count) {
      assertThat(System.nanoTime()).as("%d feeds being read", count).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** A slow feed whose read began within the last half second. */
  private static String awaitFreshDrip(FeedServer feeds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (String path : feeds.drippingNow()) {
        Instant started = feeds.dripStartedAt(path);
        if (started != null && started.isAfter(Instant.now().minusMillis(500))) {
          return path;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no slow feed began to be read");
  }

  private static Instant awaitHangUp(FeedServer feeds, String path, Instant after) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      Instant hungUp = feeds.hungUpAt(path);
      if (hungUp != null && hungUp.isAfter(after)) {
        return hungUp;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(path + " was never hung up");
  }
}
