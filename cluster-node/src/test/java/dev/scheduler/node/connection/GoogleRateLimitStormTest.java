package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.Ports;
import dev.scheduler.harness.SchedulerApiClient;
import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.GoogleConsent;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 429 storm across many connections slows the node's sync down instead of amplifying it: with
 * retries set to be eager, the node still sends no more reads than its request budget allows, and
 * every connection catches up once Google answers again.
 */
class GoogleRateLimitStormTest {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleRateLimitStormTest.class);
  private static final String EVENT_READS = "/calendar/v3/calendars/[^/]+/events";
  private static final int CONNECTIONS = 8;
  private static final int NODE_BURST = 10;
  private static final int NODE_PER_SECOND = 10;

  @TempDir static Path dataDir;
  static FakeGoogleCalendar google;
  static SchedulerNode node;
  static SchedulerApiClient api;

  @BeforeAll
  static void start() {
    google = new FakeGoogleCalendar().start();
    int port = Ports.freePort();
    Map<String, Object> settings = GoogleConsent.settingsFor(google);
    settings.put("scheduler.http.port", port);
    settings.put("scheduler.public-url", "http://127.0.0.1:" + port);
    settings.put("scheduler.sync.poll-interval", "1h");
    settings.put("scheduler.sync.poll-interval-with-push", "1h");
    // Eager retries: without the budgets, eight connections would retry several times a second each.
    settings.put("scheduler.sync.retry-base", "20ms");
    settings.put("scheduler.sync.retry-cap", "100ms");
    settings.put("scheduler.sync.budget.connection-burst", 5);
    settings.put("scheduler.sync.budget.connection-per-minute", 600);
    settings.put("scheduler.sync.budget.node-burst", NODE_BURST);
    settings.put("scheduler.sync.budget.node-per-minute", NODE_PER_SECOND * 60);
    node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings), Clock.systemUTC());
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stop() {
    node.close();
    google.close();
  }

  @Test
  void aStormAcrossConnectionsStaysWithinTheNodesBudgetAndEveryConnectionCatchesUp() throws Exception {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(7);
    List<ApiFixture> hosts = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      String user = "storm" + i + "@example.com";
      google.addUser(user, ZoneOffset.UTC);
      ApiFixture host = ApiFixture.newHost(api, "UTC")
          .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
          .eventType("intro", Bodies.eventType(60));
      GoogleConsent.connect(api, google, host, user);
      hosts.add(host);
    }
    await(() -> google.channels().size() >= CONNECTIONS, "not every connection opened its push channel");
    // Let the budget refill from the connections' own first syncs before the storm starts.
    Thread.sleep(1_500);

    google.faults().on("GET", EVENT_READS).times(100_000).respond(429, "rateLimitExceeded");
    long readsBefore = google.requests().count("GET", EVENT_READS);
    long stormStarted = System.nanoTime();
    for (int i = 0; i < CONNECTIONS; i++) {
      google.putEvent("storm" + i + "@example.com",
          EventJson.timed(day.atTime(10, 0).atZone(ZoneOffset.UTC), day.atTime(11, 0).atZone(ZoneOffset.UTC)));
    }
    Thread.sleep(4_000);
    long readsDuringStorm = google.requests().count("GET", EVENT_READS) - readsBefore;
    double seconds = (System.nanoTime() - stormStarted) / 1e9;
    google.faults().clear();

    // A token bucket lets through its burst plus its rate; each connection may have one read in flight.
    double allowed = NODE_BURST + NODE_PER_SECOND * seconds + CONNECTIONS;
    LOG.info("{} event reads in {} s of a 429 storm over {} connections (budget allows at most {})",
        readsDuringStorm, String.format("%.1f", seconds), CONNECTIONS, (long) allowed);
    // How many reads a loaded machine gets through varies; that the storm was met at all does not.
    assertThat(google.requests().withStatus(429)).as("the storm was met").isNotEmpty();
    assertThat((double) readsDuringStorm).as("reads during the storm").isLessThanOrEqualTo(allowed);

    String busy = day.atTime(10, 0).atZone(ZoneOffset.UTC).toInstant().toString();
    for (ApiFixture host : hosts) {
      await(() -> !slotStarts(host, day).contains(busy), "a connection never caught up after the storm");
    }
  }

  private static List<String> slotStarts(ApiFixture host, LocalDate day) {
    List<String> starts = new ArrayList<>();
    api.slots(host.hostId(), "intro", day, day, null).json().at("/days/0/slots")
        .forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }

  private static void await(BooleanSupplier condition, String message) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(message);
  }
}
