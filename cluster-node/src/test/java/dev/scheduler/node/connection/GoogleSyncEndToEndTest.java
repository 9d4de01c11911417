package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.google.EventJson;
import dev.scheduler.harness.google.FakeGoogleCalendar;
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
 * The Google loop through the REST API, with the real Google client talking to the fake: connect
 * with OAuth (PKCE, signed state), full sync, a push channel, an event created in Google blocking
 * the matching slot because of the push (polling is set to an hour), a revoked grant disconnecting
 * the connection, forged notifications refused, and provider faults survived.
 */
class GoogleSyncEndToEndTest {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleSyncEndToEndTest.class);
  /**
   * The node reads and writes each connection's primary calendar by its alias; faults scripted on
   * this path hit whichever connection calls next, which in these one-at-a-time tests is the test's own
   * (the others poll hourly).
   */
  private static final String PRIMARY_EVENTS = "/calendar/v3/calendars/primary/events";

  @TempDir static Path dataDir;
  static GoogleTestNode node;
  static FakeGoogleCalendar google;
  static SchedulerApiClient api;
  static UtcDay day;

  @BeforeAll
  static void start() {
    node = GoogleTestNode.builder()
        .pollInterval(Duration.ofHours(1))
        .pollIntervalWithPush(Duration.ofHours(1))
        .retry(Duration.ofMillis(100), Duration.ofMillis(500))
        .start(dataDir);
    google = node.google();
    api = node.api();
    day = UtcDay.inDays(7);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void anEventCreatedInGoogleBlocksItsSlotOnThePushNotification() throws Exception {
    google.addUser("push@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "push@example.com");
    node.awaitChannelFor("push@example.com");

    String eventId = google.putEvent("push@example.com", EventJson.timed(day.at(10), day.at(11)).summary("Dentist"));
    long pushed = System.nanoTime();
    node.awaitBlocked(connected.host(), day.at(10));
    LOG.info("A Google event blocked its slot {} ms after the change (push, no polling)",
        Duration.ofNanos(System.nanoTime() - pushed).toMillis());
    assertThat(node.slotStarts(connected.host(), day.date())).contains(day.iso(9), day.iso(11));

    google.deleteEvent("push@example.com", eventId);
    node.awaitFree(connected.host(), day.at(10));
  }

  @Test
  void aRevokedGrantDisconnectsAndKeepsTheLastBusyTime() throws Exception {
    google.addUser("revoked@example.com", ZoneOffset.UTC);
    google.putEvent("revoked@example.com", EventJson.timed(day.at(13), day.at(14)).summary("Busy"));
    Connection connected = node.connectAndSync(node.publishedHost(), "revoked@example.com");
    node.awaitConnection(connected, c -> c.get("busyIntervals").asInt() == 1);

    google.revokeRefreshToken("revoked@example.com");
    google.expireAccessTokens();
    google.putEvent("revoked@example.com", EventJson.timed(day.at(15), day.at(16)).summary("Notifies"));
    JsonNode disconnected = node.awaitStatus(connected, "disconnected");
    assertThat(disconnected.get("lastError").asText()).contains("invalid_grant").doesNotContain("ya29");
    assertThat(node.slotStarts(connected.host(), day.date())).doesNotContain(day.iso(13));

    long insertsBefore = google.requests().count("POST", PRIMARY_EVENTS);
    String booking = node.book(connected.host(), day.at(9)).json().get("id").asText();
    JsonNode failed = node.awaitWriteStatus(connected.host(), booking, "failed");
    assertThat(failed.at("/calendarWrite/reason").asText()).contains("disconnected");
    assertThat(google.requests().count("POST", PRIMARY_EVENTS)).as("the write was not even tried").isEqualTo(insertsBefore);
  }

  @Test
  void rateLimitsAndAnExpiredSyncTokenAreSurvived() throws Exception {
    google.addUser("faults@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "faults@example.com");
    node.awaitChannelFor("faults@example.com");

    google.faults().on("GET", PRIMARY_EVENTS).times(3).respond(429, "rateLimitExceeded");
    google.putEvent("faults@example.com", EventJson.timed(day.at(12), day.at(13)).summary("Lunch"));
    node.awaitBlocked(connected.host(), day.at(12));
    assertThat(google.requests().withStatus(429)).as("the 429 storm happened and was waited out").hasSize(3);

    google.invalidateSyncTokens("faults@example.com");
    google.putEvent("faults@example.com", EventJson.timed(day.at(14), day.at(15)).summary("After resync"));
    node.awaitBlocked(connected.host(), day.at(14), day.at(12));
    node.awaitStatus(connected, "ok");
  }

  @Test
  void aBookingIsWrittenToTheHostsGoogleCalendarMovedByARescheduleAndRemovedByACancel() throws Exception {
    google.addUser("writes@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "writes@example.com");
    ApiResponse booked = node.book(connected.host(), day.at(11));
    String bookingId = booked.json().get("id").asText();
    assertThat(booked.json().at("/calendarWrite/status").asText()).isIn("pending", "written");

    JsonNode written = node.awaitWriteStatus(connected.host(), bookingId, "written");
    assertThat(written.at("/calendarWrite/calendar").asText()).isEqualTo(connected.id());
    List<com.fasterxml.jackson.databind.node.ObjectNode> events = google.events("writes@example.com");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("start").path("dateTime").asText()).startsWith(day.date() + "T11:00");
    assertThat(events.get(0).path("summary").asText()).contains("Bo Invitee");

    ApiResponse moved =
        api.reschedule(connected.host().hostId(), bookingId, connected.host().token(), day.at(14).toInstant());
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    node.awaitBooking(connected.host(), bookingId, b -> b.at("/calendarWrite/status").asText().equals("written")
        && b.get("start").asText().equals(day.iso(14)));
    assertThat(google.events("writes@example.com")).singleElement()
        .satisfies(e -> assertThat(e.path("start").path("dateTime").asText()).startsWith(day.date() + "T14:00"));

    ApiResponse cancelled = api.cancel(connected.host().hostId(), bookingId, connected.host().token(), "ill");
    assertThat(cancelled.status()).isEqualTo(200);
    node.awaitBooking(connected.host(), bookingId, b -> b.get("status").asText().equals("CANCELLED")
        && b.at("/calendarWrite/status").asText().equals("written"));
    assertThat(google.events("writes@example.com")).allMatch(e -> e.path("status").asText().equals("cancelled"));
  }

  @Test
  void whileGoogleIsDownBookingsStayPendingThenLandExactlyOnce() throws Exception {
    google.addUser("outage@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "outage@example.com");
    google.faults().on("POST", PRIMARY_EVENTS).times(6).respond(503);
    String first = node.book(connected.host(), day.at(9)).json().get("id").asText();
    google.faults().on("POST", PRIMARY_EVENTS).times(1).commitThenRespond(500, "backendError");
    String second = node.book(connected.host(), day.at(15)).json().get("id").asText();

    node.awaitWriteStatus(connected.host(), first, "written");
    node.awaitWriteStatus(connected.host(), second, "written");
    assertThat(google.events("outage@example.com")).hasSize(2);
    assertThat(google.requests().withStatus(503)).as("Google was down for six inserts").hasSize(6);
    assertThat(google.requests().withStatus(409)).as("the retry after a committed insert found it").isNotEmpty();
  }

  @Test
  void aNotificationThatArrivesBeforeItsChangeIsVisibleStillLeadsToTheChange() throws Exception {
    google.addUser("early@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "early@example.com");
    node.awaitChannelFor("early@example.com");
    google.faults().notifications().deliverBeforeNextChange(Duration.ofMillis(500));
    google.putEvent("early@example.com", EventJson.timed(day.at(16), day.at(17)).summary("Late to show"));
    node.awaitBlocked(connected.host(), day.at(16));
  }

  @Test
  void duplicatedAndReorderedNotificationsAreHarmless() throws Exception {
    google.addUser("noisy@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "noisy@example.com");
    node.awaitChannelFor("noisy@example.com");
    google.faults().notifications().duplicateNext(3).reorderNextTwo();
    google.putEvent("noisy@example.com", EventJson.timed(day.at(9), day.at(10)).summary("One"));
    google.putEvent("noisy@example.com", EventJson.timed(day.at(12), day.at(13)).summary("Two"));
    node.awaitBlocked(connected.host(), day.at(9), day.at(12));
    JsonNode view = node.awaitConnection(connected, c -> c.get("busyIntervals").asInt() == 2);
    assertThat(view.get("status").asText()).isEqualTo("ok");
  }

  @Test
  void userRateLimitsAnswered403AreWaitedOut() throws Exception {
    google.addUser("limited@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "limited@example.com");
    node.awaitChannelFor("limited@example.com");
    google.faults().on("GET", PRIMARY_EVENTS).times(4).respond(403, "userRateLimitExceeded");
    google.putEvent("limited@example.com", EventJson.timed(day.at(14), day.at(15)).summary("Throttled"));
    node.awaitBlocked(connected.host(), day.at(14));
    assertThat(google.requests().withStatus(403)).hasSize(4);
  }

  @Test
  void disconnectingStopsTheChannelRevokesTheGrantAndFreesTheTime() throws Exception {
    google.addUser("leaving@example.com", ZoneOffset.UTC);
    google.putEvent("leaving@example.com", EventJson.timed(day.at(10), day.at(11)).summary("Busy"));
    Connection connected = node.connectAndSync(node.publishedHost(), "leaving@example.com");
    node.awaitChannelFor("leaving@example.com");
    node.awaitBlocked(connected.host(), day.at(10));
    long revocationsBefore = google.requests().count("POST", "/revoke");

    ApiResponse removed = api.send("DELETE", "/api/v1/hosts/" + connected.host().hostId() + "/calendars/"
        + connected.id(), connected.host().token(), null, Map.of());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertThat(node.slotStarts(connected.host(), day.date())).contains(day.iso(10));
    node.await(() -> google.requests().count("POST", "/revoke") > revocationsBefore
            && google.channels().stream().filter(c -> c.calendarId().equals("leaving@example.com")).allMatch(c -> c.stopped()),
        "the grant was not revoked or the channel not stopped: %s", google::channels);
  }

  @Test
  void expiredAccessTokensAreRefreshedAndTheSyncGoesOn() throws Exception {
    google.addUser("refresh@example.com", ZoneOffset.UTC);
    Connection connected = node.connectAndSync(node.publishedHost(), "refresh@example.com");
    node.awaitChannelFor("refresh@example.com");
    long refreshesBefore = google.requests().count("POST", "/token");
    google.expireAccessTokens();
    google.putEvent("refresh@example.com", EventJson.timed(day.at(13), day.at(14)).summary("After refresh"));
    node.awaitBlocked(connected.host(), day.at(13));
    assertThat(google.requests().count("POST", "/token")).as("the access token was refreshed").isGreaterThan(refreshesBefore);
    assertThat(node.awaitConnection(connected, c -> true).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void theHostChoosesWhichGoogleCalendarReceivesBookings() throws Exception {
    google.addUser("work@example.com", ZoneOffset.UTC);
    google.addUser("personal@example.com", ZoneOffset.UTC);
    Connection work = node.connectAndSync(node.publishedHost(), "work@example.com");
    Connection personal = node.connectAndSync(work.host(), "personal@example.com");

    String first = node.book(work.host(), day.at(9)).json().get("id").asText();
    node.awaitBooking(work.host(), first, b -> b.at("/calendarWrite/calendar").asText().equals(work.id())
        && b.at("/calendarWrite/status").asText().equals("written"));

    ApiResponse chosen = api.put("/api/v1/hosts/" + work.host().hostId() + "/calendars/" + personal.id(),
        work.host().token(), Map.of("receivesBookings", true));
    assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
    assertThat(chosen.json().get("receivesBookings").asBoolean()).isTrue();
    String second = node.book(work.host(), day.at(15)).json().get("id").asText();
    node.awaitBooking(work.host(), second, b -> b.at("/calendarWrite/calendar").asText().equals(personal.id())
        && b.at("/calendarWrite/status").asText().equals("written"));
    assertThat(google.events("work@example.com")).hasSize(1);
    assertThat(google.events("personal@example.com")).hasSize(1);
  }

  @Test
  void forgedOrUnknownNotificationsAreRefused() {
    Map<String, String> forged = Map.of("X-Goog-Channel-ID", "someconnection.abc", "X-Goog-Channel-Token", "nope",
        "X-Goog-Resource-State", "exists");
    assertThat(api.send("POST", "/webhooks/google", null, "", forged).status()).isEqualTo(401);
    assertThat(api.send("POST", "/webhooks/google", null, "", Map.of()).status()).isEqualTo(401);
  }

  @Test
  void theConsentUrlAsksForOfflineAccessWithPkceAndAStateThatCannotBeReplayedElsewhere() {
    ApiFixture host = node.publishedHost();
    ApiResponse connect = api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", host.token());
    assertThat(connect.status()).as(connect.toString()).isEqualTo(200);
    String url = connect.json().get("authorizationUrl").asText();
    assertThat(url).startsWith(google.authorizationUrl()).contains("access_type=offline", "prompt=consent",
        "code_challenge_method=S256", "code_challenge=", "state=");
    ApiResponse tampered = api.get("/oauth/google/callback?code=abc&state=forged.state", null);
    assertThat(tampered.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", null).status()).isEqualTo(401);
  }
}
