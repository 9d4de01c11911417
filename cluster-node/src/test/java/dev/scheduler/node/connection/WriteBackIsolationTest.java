package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.node.readside.HostCalendarTags;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.GoogleTestNode;
import dev.scheduler.node.testkit.GoogleTestNode.Connection;
import dev.scheduler.node.testkit.UtcDay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calendar write-back follows the journal through the read-side home, one projection per tag,
 * yet a calendar that hangs or is down delays only its own connection: two hosts on the same tag
 * slice, one whose Google calendar first hangs and then answers 503 to every write, the other's
 * bookings still reach its Google calendar at once; once the first calendar is back, its writes
 * land, each once.
 */
class WriteBackIsolationTest {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBackIsolationTest.class);
  /** The slow host's bookings go to this secondary calendar, so faults can aim at its writes alone. */
  private static final String SLOW_CALENDAR = "slow-bookings";
  private static final String SLOW_EVENTS = "/calendar/v3/calendars/" + SLOW_CALENDAR + "/events";
  /** Well inside the hang and the outage below: the other host must not wait for either. */
  private static final Duration PROMPTLY = Duration.ofSeconds(8);

  @TempDir static Path dataDir;
  static GoogleTestNode node;
  static FakeGoogleCalendar google;
  static SchedulerApiClient api;

  @BeforeAll
  static void start() {
    node = GoogleTestNode.builder()
        .push(false)
        .pollInterval(Duration.ofHours(1))
        .retry(Duration.ofMillis(100), Duration.ofMillis(500))
        .awaitTimeout(Duration.ofSeconds(40))
        .start(dataDir);
    google = node.google();
    api = node.api();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aCalendarThatHangsOrIsDownDelaysOnlyItsOwnHostNotTheOtherHostsOfItsTag() throws Exception {
    UtcDay day = UtcDay.inDays(7);
    HostCalendarTags tags = new HostCalendarTags(HostCalendarTags.DEFAULT_SLICES);
    ApiFixture slowHost = node.publishedHost();
    ApiFixture fastHost = node.publishedHost();
    while (!tags.tagFor(fastHost.hostId()).equals(tags.tagFor(slowHost.hostId()))) {
      fastHost = node.publishedHost();
    }
    LOG.info("Hosts {} and {} share tag {}", slowHost.hostId(), fastHost.hostId(), tags.tagFor(slowHost.hostId()));

    google.addUser("slow@example.com", ZoneOffset.UTC)
        .addCalendar("slow@example.com", SLOW_CALENDAR, "Bookings", ZoneOffset.UTC);
    google.addUser("fast@example.com", ZoneOffset.UTC);
    Connection slowPrimary = node.connectAndSync(slowHost, "slow@example.com");
    String slowConnection = receiveBookingsIn(slowHost, slowPrimary, SLOW_CALENDAR);
    node.connectAndSync(fastHost, "fast@example.com");

    // The slow calendar's first write hangs for 15 s (then is carried out), every later one fails with 503.
    google.faults().on("POST", SLOW_EVENTS).times(1).delay(Duration.ofSeconds(15));
    google.faults().on("POST", SLOW_EVENTS).times(1_000_000).respond(503);
    String slowHung = node.book(slowHost, day.at(9)).json().get("id").asText();
    String slowDown = node.book(slowHost, day.at(10)).json().get("id").asText();

    long started = System.nanoTime();
    List<String> fastBookings = List.of(
        node.book(fastHost, day.at(11)).json().get("id").asText(),
        node.book(fastHost, day.at(12)).json().get("id").asText(),
        node.book(fastHost, day.at(13)).json().get("id").asText());
    for (String booking : fastBookings) {
      node.awaitWriteStatus(fastHost, booking, "written");
    }
    Duration fastWrites = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("The other host's 3 bookings were written in {} ms while the slow calendar hung or was down",
        fastWrites.toMillis());
    assertThat(fastWrites).as("the other host of the tag did not wait for the slow calendar").isLessThan(PROMPTLY);
    assertThat(google.events("fast@example.com")).hasSize(3);
    assertThat(List.of(slowHung, slowDown)).as("the slow calendar's writes still wait")
        .allSatisfy(b -> assertThat(node.booking(slowHost, b).at("/calendarWrite/status").asText()).isEqualTo("pending"));

    // The hung write is carried out when its answer comes; the other waits for the outage to end.
    node.awaitWriteStatus(slowHost, slowHung, "written");
    assertThat(node.booking(slowHost, slowDown).at("/calendarWrite/status").asText()).isEqualTo("pending");
    google.faults().clear();
    node.awaitWriteStatus(slowHost, slowDown, "written");
    assertThat(node.booking(slowHost, slowDown).at("/calendarWrite/calendar").asText()).isEqualTo(slowConnection);
    assertThat(google.events(SLOW_CALENDAR)).as("each of the slow host's bookings landed once").hasSize(2);
    assertThat(google.events("slow@example.com")).isEmpty();
  }

  /** Connects another calendar of the account behind {@code primary} and makes it receive bookings. */
  private static String receiveBookingsIn(ApiFixture host, Connection primary, String calendarId) {
    String calendars = "/api/v1/hosts/" + host.hostId() + "/calendars/";
    ApiResponse added = api.post(calendars + primary.id() + "/account-calendars", host.token(),
        Map.of("calendarId", calendarId), Map.of());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String id = added.json().get("id").asText();
    ApiResponse chosen = api.put(calendars + id, host.token(), Map.of("receivesBookings", true));
    assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
    return id;
  }
}
