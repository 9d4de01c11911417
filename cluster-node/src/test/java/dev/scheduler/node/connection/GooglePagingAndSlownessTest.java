package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.ApiResponse;
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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
  static FakeGoogleCalendar google;
  static SchedulerNode node;
  static SchedulerApiClient api;
  static LocalDate day;

  @BeforeAll
  static void start() {
    google = new FakeGoogleCalendar().start();
    Map<String, Object> settings = GoogleConsent.settingsFor(google);
    settings.put("scheduler.google.page-size", 2);
    settings.put("scheduler.google.push", "off");
    settings.put("scheduler.sync.poll-interval", "1h");
    node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings), Clock.systemUTC());
    api = new SchedulerApiClient(node.baseUrl());
    day = LocalDate.now(ZoneOffset.UTC).plusDays(5);
  }

  @AfterAll
  static void stop() {
    node.close();
    google.close();
  }

  @Test
  void aFullSyncRequiredInTheMiddleOfPagingLeavesNoHoles() throws Exception {
    google.addUser("paged@example.com", ZoneOffset.UTC);
    for (int hour = 9; hour < 12; hour++) {
      google.putEvent("paged@example.com", EventJson.timed(at(hour), at(hour + 1)));
    }
    Connection connection = connect("paged@example.com");
    ApiFixture host = connection.host();
    awaitSlots(host, starts -> !starts.contains(iso(9)) && !starts.contains(iso(10)) && !starts.contains(iso(11)));
    long fullReadsBefore = google.requests().count("GET", PRIMARY_EVENTS);

    for (int hour = 13; hour < 17; hour++) {
      google.putEvent("paged@example.com", EventJson.timed(at(hour), at(hour + 1)));
    }
    google.faults().fullSyncRequiredOnIncrementalPage(2);
    syncNow(connection);
    awaitSlots(host, starts -> starts.stream().noneMatch(s -> s.compareTo(iso(9)) >= 0 && s.compareTo(iso(17)) < 0
        && !s.equals(iso(12))));
    assertThat(google.requests().withStatus(410)).as("the 410 came").isNotEmpty();
    assertThat(slotStarts(host)).contains(iso(12));
    assertThat(google.requests().count("GET", PRIMARY_EVENTS)).isGreaterThan(fullReadsBefore);
  }

  @Test
  void emptyPagesWithANextTokenAreFollowed() throws Exception {
    google.addUser("sparse@example.com", ZoneOffset.UTC);
    Connection connection = connect("sparse@example.com");
    awaitSlots(connection.host(), starts -> starts.contains(iso(14)));
    google.putEvent("sparse@example.com", EventJson.timed(at(14), at(15)));
    google.faults().emptyPagesInNextList(3);
    syncNow(connection);
    awaitSlots(connection.host(), starts -> !starts.contains(iso(14)));
  }

  @Test
  void aSlowProviderNeverDelaysABooking() throws Exception {
    google.addUser("slow@example.com", ZoneOffset.UTC);
    Connection connection = connect("slow@example.com");
    ApiFixture host = connection.host();
    awaitSlots(host, starts -> starts.contains(iso(10)));
    google.faults().on("GET", PRIMARY_EVENTS).times(1).delay(Duration.ofSeconds(6));
    syncNow(connection);
    Thread.sleep(500);
    long start = System.nanoTime();
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", at(10).toInstant(), "UTC"), null);
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(elapsedMillis).as("the booking did not wait for the 6-second provider").isLessThan(5000);
    assertThat(slotStarts(host)).doesNotContain(iso(10));
  }

  private record Connection(ApiFixture host, String connectionId) {}

  /** A push notification as Google would send it, on a channel of this connection. */
  private static void syncNow(Connection connection) {
    var channels = new dev.scheduler.node.calendars.google.PushChannels(
        dev.scheduler.node.config.KeyDerivation.derive(java.util.Base64.getDecoder().decode(TestNodes.SECRET_KEY),
            dev.scheduler.node.config.KeyDerivation.PUSH_CHANNELS));
    String channelId = channels.newChannelId(connection.connectionId());
    ApiResponse pushed = api.send("POST", "/webhooks/google", null, "", Map.of("X-Goog-Channel-ID", channelId,
        "X-Goog-Channel-Token", channels.tokenFor(channelId), "X-Goog-Resource-State", "exists"));
    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
  }

  private static Connection connect(String user) throws Exception {
    ApiFixture host = ApiFixture.newHost(api, "UTC")
        .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
    ApiResponse connected = GoogleConsent.connect(api, google, host, user);
    return new Connection(host, connected.json().get("id").asText());
  }

  private static ZonedDateTime at(int hour) {
    return day.atTime(hour, 0).atZone(ZoneOffset.UTC);
  }

  private static String iso(int hour) {
    return at(hour).toInstant().toString();
  }

  private static List<String> slotStarts(ApiFixture host) {
    List<String> starts = new ArrayList<>();
    api.slots(host.hostId(), "intro", day, day, null).json().at("/days/0/slots")
        .forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }

  private static void awaitSlots(ApiFixture host, Predicate<List<String>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> starts = List.of();
    while (System.nanoTime() < deadline) {
      starts = slotStarts(host);
      if (condition.test(starts)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the slots never reached the expected state; last: " + starts);
  }
}
