package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.provider.google.PushChannels;
import dev.scheduler.node.config.KeyDerivation;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.GoogleTestNode;
import dev.scheduler.node.testkit.GoogleTestNode.Connection;
import dev.scheduler.node.testkit.TestNodes;
import dev.scheduler.node.testkit.UtcDay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging faults and a slow provider, with pages of two events: a 410 in the middle of an
 * incremental read, pages that are empty but carry a next token, and a provider slow enough that a
 * booking made meanwhile must not wait for it. Polling is hourly; each read is started through the
 * real webhook with a channel token made from the test node's secret, so the read sees exactly the
 * changes and faults the test set up.
 */
class GooglePagingAndSlownessTest {
  private static final String PRIMARY_EVENTS = "/calendar/v3/calendars/primary/events";

  @TempDir static Path dataDir;
  static GoogleTestNode node;
  static FakeGoogleCalendar google;
  static SchedulerApiClient api;
  static UtcDay day;

  @BeforeAll
  static void start() {
    node = GoogleTestNode.builder()
        .pageSize(2)
        .push(false)
        .pollInterval(Duration.ofHours(1))
        .awaitTimeout(Duration.ofSeconds(30))
        .start(dataDir);
    google = node.google();
    api = node.api();
    day = UtcDay.inDays(5);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aFullSyncRequiredInTheMiddleOfPagingLeavesNoHoles() throws Exception {
    google.addUser("paged@example.com", ZoneOffset.UTC);
    for (int hour = 9; hour < 12; hour++) {
      google.putEvent("paged@example.com", EventJson.timed(day.at(hour), day.at(hour + 1)));
    }
    Connection connection = node.connectNewHost("paged@example.com");
    ApiFixture host = connection.host();
    node.awaitBlocked(host, day.at(9), day.at(10), day.at(11));
    long fullReadsBefore = google.requests().count("GET", PRIMARY_EVENTS);

    for (int hour = 13; hour < 17; hour++) {
      google.putEvent("paged@example.com", EventJson.timed(day.at(hour), day.at(hour + 1)));
    }
    google.faults().fullSyncRequiredOnIncrementalPage(2);
    syncNow(connection);
    node.awaitSlots(host, day.date(), starts -> starts.stream()
        .noneMatch(s -> s.compareTo(day.iso(9)) >= 0 && s.compareTo(day.iso(17)) < 0 && !s.equals(day.iso(12))));
    assertThat(google.requests().withStatus(410)).as("the 410 came").isNotEmpty();
    assertThat(node.slotStarts(host, day.date())).contains(day.iso(12));
    assertThat(google.requests().count("GET", PRIMARY_EVENTS)).isGreaterThan(fullReadsBefore);
  }

  @Test
  void emptyPagesWithANextTokenAreFollowed() throws Exception {
    google.addUser("sparse@example.com", ZoneOffset.UTC);
    Connection connection = node.connectNewHost("sparse@example.com");
    node.awaitFree(connection.host(), day.at(14));
    google.putEvent("sparse@example.com", EventJson.timed(day.at(14), day.at(15)));
    google.faults().emptyPagesInNextList(3);
    syncNow(connection);
    node.awaitBlocked(connection.host(), day.at(14));
  }

  @Test
  void aSlowProviderNeverDelaysABooking() throws Exception {
    google.addUser("slow@example.com", ZoneOffset.UTC);
    Connection connection = node.connectNewHost("slow@example.com");
    ApiFixture host = connection.host();
    node.awaitFree(host, day.at(10));
    google.faults().on("GET", PRIMARY_EVENTS).times(1).delay(Duration.ofSeconds(6));
    syncNow(connection);
    Thread.sleep(500);
    long start = System.nanoTime();
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", day.at(10).toInstant(), "UTC"), null);
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(elapsedMillis).as("the booking did not wait for the 6-second provider").isLessThan(5000);
    assertThat(node.slotStarts(host, day.date())).doesNotContain(day.iso(10));
  }

  /** A push notification as Google would send it, on a channel of this connection. */
  private static void syncNow(Connection connection) {
    var channels = new PushChannels(
        KeyDerivation.derive(Base64.getDecoder().decode(TestNodes.SECRET_KEY), KeyDerivation.PUSH_CHANNELS));
    String channelId = channels.newChannelId(connection.id());
    ApiResponse pushed = api.send("POST", "/webhooks/google", null, "", Map.of("X-Goog-Channel-ID", channelId,
        "X-Goog-Channel-Token", channels.tokenFor(channelId), "X-Goog-Resource-State", "exists"));
    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
  }
}
