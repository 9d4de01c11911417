package dev.scheduler.node.connection;

import static dev.scheduler.node.testkit.Scrapes.scrape;
import static dev.scheduler.node.testkit.Scrapes.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.FeedConnections;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node reads a real feed that answers, then fails: the scrape counts the ICS syncs that
 * went well and those that failed, and the sync lag grows with the node's clock while it fails.
 */
class SyncMetricsApiTest {
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final String FEED = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
      "BEGIN:VEVENT", "UID:standup@example.com", "DTSTART:20270302T140000Z", "DTEND:20270302T150000Z",
      "END:VEVENT", "END:VCALENDAR", "");
  private static final String OK = "outcome=\"ok\",provider=\"ics\"";
  private static final String FAILED = "outcome=\"failed\",provider=\"ics\"";
  private static final String LAG = "scheduler_calendar_sync_lag_seconds";

  @TempDir Path dataDir;

  @Test
  void aFeedThatAnswersThenFailsIsCountedAndItsLagGrowsWhileItFails() throws Exception {
    AtomicInteger status = new AtomicInteger(200);
    HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    feed.createContext("/ann.ics", exchange -> {
      byte[] body = FEED.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/calendar");
      exchange.sendResponseHeaders(status.get(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    feed.start();
    MutableClock clock = new MutableClock(NOW);
    try (SchedulerNode node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), Map.of(
            "scheduler.ics.allow-private-addresses", "on", "scheduler.sync.poll-interval", "200ms",
            "scheduler.sync.retry-base", "50ms", "scheduler.sync.retry-cap", "200ms",
            // Not quarantined while the test runs: it must see the feed answer again in real time.
            "scheduler.sync.quarantine.after-failures", 1000)), clock)) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = ApiFixture.newHost(api, "Europe/Amsterdam")
          .schedule(Bodies.weekdays("Europe/Amsterdam", "09:00", "17:00"))
          .eventType("intro", Bodies.eventType(60));
      String before = scrape(api);
      String url = "http://127.0.0.1:" + feed.getAddress().getPort() + "/ann.ics";
      String connectionId = FeedConnections.add(host, url);

      String synced = await(api, text -> value(text, "scheduler_calendar_sync_total", OK) > value(before,
          "scheduler_calendar_sync_total", OK));
      assertThat(value(synced, LAG, "provider=\"ics\"")).as("it has just synced, on a clock that stands still")
          .isZero();

      status.set(500);
      double okBeforeFailing = value(await(api, text -> value(text, "scheduler_calendar_sync_total", FAILED) > 0),
          "scheduler_calendar_sync_total", OK);
      clock.advance(Duration.ofMinutes(10));
      String failing = await(api, text -> value(text, "scheduler_calendar_sync_total", FAILED) >= 2);
      assertThat(value(failing, LAG, "provider=\"ics\"")).isEqualTo(600);
      clock.advance(Duration.ofMinutes(10));
      String stillFailing = scrape(api);
      assertThat(value(stillFailing, LAG, "provider=\"ics\"")).as("the lag grows while the feed fails").isEqualTo(1200);
      assertThat(value(stillFailing, "scheduler_calendar_sync_total", OK)).isEqualTo(okBeforeFailing);
      assertThat(value(stillFailing, LAG, "provider=\"google\"")).isZero();
      assertThat(stillFailing).as("no connection id, host id or feed address becomes a label")
          .doesNotContain(connectionId).doesNotContain(host.hostId()).doesNotContain(url)
          .doesNotContain("127.0.0.1:" + feed.getAddress().getPort());

      status.set(200);
      String recovered = await(api, text -> value(text, LAG, "provider=\"ics\"") == 0);
      assertThat(value(recovered, "scheduler_calendar_sync_total", OK)).isGreaterThan(okBeforeFailing);
    } finally {
      feed.stop(0);
    }
  }

  private static String await(SchedulerApiClient api, Predicate<String> ready) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String text = scrape(api);
    while (!ready.test(text) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      text = scrape(api);
    }
    assertThat(ready.test(text)).as("the scrape never got there; last:\n%s", text.lines()
        .filter(l -> l.startsWith("scheduler_calendar_sync")).toList()).isTrue();
    return text;
  }
}
