package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.GoogleTestNode;
import dev.scheduler.node.testkit.UtcDay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
  static GoogleTestNode node;
  static FakeGoogleCalendar google;

  @BeforeAll
  static void start() {
    node = GoogleTestNode.builder()
        .pollInterval(Duration.ofHours(1))
        .pollIntervalWithPush(Duration.ofHours(1))
        // Eager retries: without the budgets, eight connections would retry several times a second each.
        .retry(Duration.ofMillis(20), Duration.ofMillis(100))
        .connectionBudget(5, 600)
        .nodeBudget(NODE_BURST, NODE_PER_SECOND * 60)
        .awaitTimeout(Duration.ofSeconds(30))
        .start(dataDir);
    google = node.google();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aStormAcrossConnectionsStaysWithinTheNodesBudgetAndEveryConnectionCatchesUp() throws Exception {
    UtcDay day = UtcDay.inDays(7);
    List<ApiFixture> hosts = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      String user = "storm" + i + "@example.com";
      google.addUser(user, ZoneOffset.UTC);
      hosts.add(node.connectNewHost(user).host());
    }
    node.awaitChannels(channels -> channels.size() >= CONNECTIONS);
    // Let the budget refill from the connections' own first syncs before the storm starts.
    Thread.sleep(1_500);

    google.faults().on("GET", EVENT_READS).times(100_000).respond(429, "rateLimitExceeded");
    long readsBefore = google.requests().count("GET", EVENT_READS);
    long stormStarted = System.nanoTime();
    for (int i = 0; i < CONNECTIONS; i++) {
      google.putEvent("storm" + i + "@example.com", EventJson.timed(day.at(10), day.at(11)));
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

    for (ApiFixture host : hosts) {
      node.awaitBlocked(host, day.at(10));
    }
  }
}
