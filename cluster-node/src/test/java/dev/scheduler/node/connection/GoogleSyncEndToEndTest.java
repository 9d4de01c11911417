package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.ApiResponse;
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
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
  static FakeGoogleCalendar google;
  static SchedulerNode node;
  static SchedulerApiClient api;
  static LocalDate day;

  @BeforeAll
  static void start() {
    google = new FakeGoogleCalendar().start();
    int port = Ports.freePort();
    Map<String, Object> settings = GoogleConsent.settingsFor(google);
    settings.put("scheduler.http.port", port);
    settings.put("scheduler.public-url", "http://127.0.0.1:" + port);
    settings.put("scheduler.sync.poll-interval", "1h");
    settings.put("scheduler.sync.poll-interval-with-push", "1h");
    settings.put("scheduler.sync.retry-base", "100ms");
    settings.put("scheduler.sync.retry-cap", "500ms");
    node = SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), settings), Clock.systemUTC());
    api = new SchedulerApiClient(node.baseUrl());
    day = LocalDate.now(ZoneOffset.UTC).plusDays(7);
  }

  @AfterAll
  static void stop() {
    node.close();
    google.close();
  }

  @Test
  void anEventCreatedInGoogleBlocksItsSlotOnThePushNotification() throws Exception {
    google.addUser("push@example.com", ZoneOffset.UTC);
    Connected connected = connect("push@example.com");
    awaitChannelFor("push@example.com");

    String eventId = google.putEvent("push@example.com", EventJson.timed(at(10), at(11)).summary("Dentist"));
    long pushed = System.nanoTime();
    awaitSlots(connected.host(), starts -> !starts.contains(at(10).toInstant().toString()));
    LOG.info("A Google event blocked its slot {} ms after the change (push, no polling)",
        Duration.ofNanos(System.nanoTime() - pushed).toMillis());
    assertThat(slotStarts(connected.host())).contains(at(9).toInstant().toString(), at(11).toInstant().toString());

    google.deleteEvent("push@example.com", eventId);
    awaitSlots(connected.host(), starts -> starts.contains(at(10).toInstant().toString()));
  }

  @Test
  void aRevokedGrantDisconnectsAndKeepsTheLastBusyTime() throws Exception {
    google.addUser("revoked@example.com", ZoneOffset.UTC);
    google.putEvent("revoked@example.com", EventJson.timed(at(13), at(14)).summary("Busy"));
    Connected connected = connect("revoked@example.com");
    awaitConnection(connected, c -> c.get("busyIntervals").asInt() == 1);

    google.revokeRefreshToken("revoked@example.com");
    google.expireAccessTokens();
    google.putEvent("revoked@example.com", EventJson.timed(at(15), at(16)).summary("Notifies"));
    JsonNode disconnected = awaitConnection(connected, c -> c.get("status").asText().equals("disconnected"));
    assertThat(disconnected.get("lastError").asText()).contains("invalid_grant").doesNotContain("ya29");
    assertThat(slotStarts(connected.host())).doesNotContain(at(13).toInstant().toString());

    long insertsBefore = google.requests().count("POST", PRIMARY_EVENTS);
    String booking = book(connected, at(9)).json().get("id").asText();
    JsonNode failed = awaitBooking(connected, booking, b -> b.at("/calendarWrite/status").asText().equals("failed"));
    assertThat(failed.at("/calendarWrite/reason").asText()).contains("disconnected");
    assertThat(google.requests().count("POST", PRIMARY_EVENTS)).as("the write was not even tried").isEqualTo(insertsBefore);
  }

  @Test
  void rateLimitsAndAnExpiredSyncTokenAreSurvived() throws Exception {
    google.addUser("faults@example.com", ZoneOffset.UTC);
    Connected connected = connect("faults@example.com");
    awaitChannelFor("faults@example.com");

    google.faults().on("GET", PRIMARY_EVENTS).times(3).respond(429, "rateLimitExceeded");
    google.putEvent("faults@example.com", EventJson.timed(at(12), at(13)).summary("Lunch"));
    awaitSlots(connected.host(), starts -> !starts.contains(at(12).toInstant().toString()));
    assertThat(google.requests().withStatus(429)).as("the 429 storm happened and was waited out").hasSize(3);

    google.invalidateSyncTokens("faults@example.com");
    google.putEvent("faults@example.com", EventJson.timed(at(14), at(15)).summary("After resync"));
    awaitSlots(connected.host(), starts -> !starts.contains(at(14).toInstant().toString())
        && !starts.contains(at(12).toInstant().toString()));
    awaitConnection(connected, c -> c.get("status").asText().equals("ok"));
  }

  @Test
  void aBookingIsWrittenToTheHostsGoogleCalendarMovedByARescheduleAndRemovedByACancel() throws Exception {
    google.addUser("writes@example.com", ZoneOffset.UTC);
    Connected connected = connect("writes@example.com");
    ApiResponse booked = book(connected, at(11));
    String bookingId = booked.json().get("id").asText();
    assertThat(booked.json().at("/calendarWrite/status").asText()).isIn("pending", "written");

    JsonNode written = awaitBooking(connected, bookingId, b -> b.at("/calendarWrite/status").asText().equals("written"));
    assertThat(written.at("/calendarWrite/calendar").asText()).isEqualTo(connected.connectionId());
    List<com.fasterxml.jackson.databind.node.ObjectNode> events = google.events("writes@example.com");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("start").path("dateTime").asText()).startsWith(day + "T11:00");
    assertThat(events.get(0).path("summary").asText()).contains("Bo Invitee");

    ApiResponse moved = api.reschedule(connected.host().hostId(), bookingId, connected.host().token(), at(14).toInstant());
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    awaitBooking(connected, bookingId, b -> b.at("/calendarWrite/status").asText().equals("written")
        && b.get("start").asText().equals(at(14).toInstant().toString()));
    assertThat(google.events("writes@example.com")).singleElement()
        .satisfies(e -> assertThat(e.path("start").path("dateTime").asText()).startsWith(day + "T14:00"));

    ApiResponse cancelled = api.cancel(connected.host().hostId(), bookingId, connected.host().token(), "ill");
    assertThat(cancelled.status()).isEqualTo(200);
    awaitBooking(connected, bookingId, b -> b.get("status").asText().equals("CANCELLED")
        && b.at("/calendarWrite/status").asText().equals("written"));
    assertThat(google.events("writes@example.com")).allMatch(e -> e.path("status").asText().equals("cancelled"));
  }

  @Test
  void whileGoogleIsDownBookingsStayPendingThenLandExactlyOnce() throws Exception {
    google.addUser("outage@example.com", ZoneOffset.UTC);
    Connected connected = connect("outage@example.com");
    google.faults().on("POST", PRIMARY_EVENTS).times(6).respond(503);
    String first = book(connected, at(9)).json().get("id").asText();
    google.faults().on("POST", PRIMARY_EVENTS).times(1).commitThenRespond(500, "backendError");
    String second = book(connected, at(15)).json().get("id").asText();

    awaitBooking(connected, first, b -> b.at("/calendarWrite/status").asText().equals("written"));
    awaitBooking(connected, second, b -> b.at("/calendarWrite/status").asText().equals("written"));
    assertThat(google.events("outage@example.com")).hasSize(2);
    assertThat(google.requests().withStatus(503)).as("Google was down for six inserts").hasSize(6);
    assertThat(google.requests().withStatus(409)).as("the retry after a committed insert found it").isNotEmpty();
  }

  @Test
  void aNotificationThatArrivesBeforeItsChangeIsVisibleStillLeadsToTheChange() throws Exception {
    google.addUser("early@example.com", ZoneOffset.UTC);
    Connected connected = connect("early@example.com");
    awaitChannelFor("early@example.com");
    google.faults().notifications().deliverBeforeNextChange(Duration.ofMillis(500));
    google.putEvent("early@example.com", EventJson.timed(at(16), at(17)).summary("Late to show"));
    awaitSlots(connected.host(), starts -> !starts.contains(at(16).toInstant().toString()));
  }

  @Test
  void duplicatedAndReorderedNotificationsAreHarmless() throws Exception {
    google.addUser("noisy@example.com", ZoneOffset.UTC);
    Connected connected = connect("noisy@example.com");
    awaitChannelFor("noisy@example.com");
    google.faults().notifications().duplicateNext(3).reorderNextTwo();
    google.putEvent("noisy@example.com", EventJson.timed(at(9), at(10)).summary("One"));
    google.putEvent("noisy@example.com", EventJson.timed(at(12), at(13)).summary("Two"));
    awaitSlots(connected.host(), starts -> !starts.contains(at(9).toInstant().toString())
        && !starts.contains(at(12).toInstant().toString()));
    JsonNode view = awaitConnection(connected, c -> c.get("busyIntervals").asInt() == 2);
    assertThat(view.get("status").asText()).isEqualTo("ok");
  }

  @Test
  void userRateLimitsAnswered403AreWaitedOut() throws Exception {
    google.addUser("limited@example.com", ZoneOffset.UTC);
    Connected connected = connect("limited@example.com");
    awaitChannelFor("limited@example.com");
    google.faults().on("GET", PRIMARY_EVENTS).times(4).respond(403, "userRateLimitExceeded");
    google.putEvent("limited@example.com", EventJson.timed(at(14), at(15)).summary("Throttled"));
    awaitSlots(connected.host(), starts -> !starts.contains(at(14).toInstant().toString()));
    assertThat(google.requests().withStatus(403)).hasSize(4);
  }

  @Test
  void disconnectingStopsTheChannelRevokesTheGrantAndFreesTheTime() throws Exception {
    google.addUser("leaving@example.com", ZoneOffset.UTC);
    google.putEvent("leaving@example.com", EventJson.timed(at(10), at(11)).summary("Busy"));
    Connected connected = connect("leaving@example.com");
    awaitChannelFor("leaving@example.com");
    awaitSlots(connected.host(), starts -> !starts.contains(at(10).toInstant().toString()));
    long revocationsBefore = google.requests().count("POST", "/revoke");

    ApiResponse removed = api.send("DELETE", "/api/v1/hosts/" + connected.host().hostId() + "/calendars/"
        + connected.connectionId(), connected.host().token(), null, Map.of());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertThat(slotStarts(connected.host())).contains(at(10).toInstant().toString());
    await(() -> google.requests().count("POST", "/revoke") > revocationsBefore
            && google.channels().stream().filter(c -> c.calendarId().equals("leaving@example.com")).allMatch(c -> c.stopped()),
        "the grant was not revoked or the channel not stopped: %s", google::channels);
  }

  @Test
  void expiredAccessTokensAreRefreshedAndTheSyncGoesOn() throws Exception {
    google.addUser("refresh@example.com", ZoneOffset.UTC);
    Connected connected = connect("refresh@example.com");
    awaitChannelFor("refresh@example.com");
    long refreshesBefore = google.requests().count("POST", "/token");
    google.expireAccessTokens();
    google.putEvent("refresh@example.com", EventJson.timed(at(13), at(14)).summary("After refresh"));
    awaitSlots(connected.host(), starts -> !starts.contains(at(13).toInstant().toString()));
    assertThat(google.requests().count("POST", "/token")).as("the access token was refreshed").isGreaterThan(refreshesBefore);
    assertThat(awaitConnection(connected, c -> true).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void theHostChoosesWhichGoogleCalendarReceivesBookings() throws Exception {
    google.addUser("work@example.com", ZoneOffset.UTC);
    google.addUser("personal@example.com", ZoneOffset.UTC);
    Connected work = connect("work@example.com");
    Connected personal = connectAnother(work.host(), "personal@example.com");

    String first = book(work, at(9)).json().get("id").asText();
    awaitBooking(work, first, b -> b.at("/calendarWrite/calendar").asText().equals(work.connectionId())
        && b.at("/calendarWrite/status").asText().equals("written"));

    ApiResponse chosen = api.put("/api/v1/hosts/" + work.host().hostId() + "/calendars/" + personal.connectionId(),
        work.host().token(), Map.of("receivesBookings", true));
    assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
    assertThat(chosen.json().get("receivesBookings").asBoolean()).isTrue();
    String second = book(work, at(15)).json().get("id").asText();
    awaitBooking(work, second, b -> b.at("/calendarWrite/calendar").asText().equals(personal.connectionId())
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
    ApiFixture host = publishedHost();
    ApiResponse connect = api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", host.token());
    assertThat(connect.status()).as(connect.toString()).isEqualTo(200);
    String url = connect.json().get("authorizationUrl").asText();
    assertThat(url).startsWith(google.authorizationUrl()).contains("access_type=offline", "prompt=consent",
        "code_challenge_method=S256", "code_challenge=", "state=");
    ApiResponse tampered = api.get("/oauth/google/callback?code=abc&state=forged.state", null);
    assertThat(tampered.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", null).status()).isEqualTo(401);
  }

  private record Connected(ApiFixture host, String connectionId) {}

  private static Connected connect(String user) throws Exception {
    return connectAnother(publishedHost(), user);
  }

  /** Connects one more Google calendar to a host. */
  private static Connected connectAnother(ApiFixture host, String user) throws Exception {
    ApiResponse connected = GoogleConsent.connect(api, google, host, user);
    assertThat(connected.json().get("provider").asText()).isEqualTo("google");
    assertThat(connected.body()).doesNotContain("ya29.", "1//", "refresh_token", "access_token");
    Connected result = new Connected(host, connected.json().get("id").asText());
    awaitConnection(result, c -> c.get("status").asText().equals("ok"));
    return result;
  }

  private static ApiResponse book(Connected connected, ZonedDateTime start) {
    ApiResponse booked = api.book(connected.host().hostId(), null, Bodies.booking("intro", start.toInstant(), "UTC"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked;
  }

  private static JsonNode awaitBooking(Connected connected, String bookingId, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await(() -> {
      last[0] = api.getBooking(connected.host().hostId(), bookingId, connected.host().token()).json();
      return condition.test(last[0]);
    }, "the booking never reached the expected state; last seen %s", () -> last[0]);
    return last[0];
  }

  private static ApiFixture publishedHost() {
    return ApiFixture.newHost(api, "UTC")
        .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
  }

  private static ZonedDateTime at(int hour) {
    return day.atTime(hour, 0).atZone(ZoneOffset.UTC);
  }

  private static List<String> slotStarts(ApiFixture host) {
    List<String> starts = new java.util.ArrayList<>();
    api.slots(host.hostId(), "intro", day, day, null).json().at("/days/0/slots")
        .forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }

  private static void awaitSlots(ApiFixture host, Predicate<List<String>> condition) {
    await(() -> condition.test(slotStarts(host)), "the slots of " + day + " never changed as expected: " + "%s",
        () -> slotStarts(host));
  }

  private static void awaitChannelFor(String user) {
    await(() -> google.channels().stream().anyMatch(c -> c.calendarId().equals(user)),
        "no push channel was opened for %s", () -> user);
  }

  private static JsonNode awaitConnection(Connected connected, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await(() -> {
      for (JsonNode c : api.get("/api/v1/hosts/" + connected.host().hostId() + "/calendars", connected.host().token())
          .json().get("calendars")) {
        if (c.get("id").asText().equals(connected.connectionId())) {
          last[0] = c;
        }
      }
      return last[0] != null && condition.test(last[0]);
    }, "the connection never reached the expected state; last seen %s", () -> last[0]);
    return last[0];
  }

  private static void await(java.util.function.BooleanSupplier condition, String message,
      java.util.function.Supplier<Object> detail) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(String.format(message, detail.get()));
  }
}
