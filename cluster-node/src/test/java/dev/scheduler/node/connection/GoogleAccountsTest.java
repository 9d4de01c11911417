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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting Google accounts. A host chooses among the calendars of one account: a second calendar
 * is connected without a second consent, syncs and can receive the bookings; removing it leaves the
 * account's grant to the calendar still connected; reconnecting a revoked account revives its
 * connections. The host's browser, back from the consent screen, is shown a page, not JSON.
 */
class GoogleAccountsTest {
  private static final String REVOKE = "/revoke";

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
  void aSecondCalendarOfTheAccountBlocksSlotsReceivesBookingsAndLeavesTheGrantWhenRemoved() throws Exception {
    String team = "team-multi@group.calendar.google.com";
    google.addUser("multi@example.com", ZoneOffset.UTC).addCalendar("multi@example.com", team, "Team", ZoneOffset.UTC);
    ApiFixture host = publishedHost();
    JsonNode primary = connect(host, "multi@example.com");
    assertThat(primary.get("calendarId").asText()).isEqualTo("primary");
    assertThat(primary.get("account").asText()).isEqualTo("multi@example.com");

    JsonNode listed = api.get(accountCalendars(host, primary), host.token()).json();
    assertThat(listed.get("account").asText()).isEqualTo("multi@example.com");
    assertThat(listed.get("calendars")).hasSize(2);
    assertThat(entry(listed, "multi@example.com").get("connectionId").asText()).isEqualTo(id(primary));
    assertThat(entry(listed, team).get("connectionId").isNull()).isTrue();

    ApiResponse added = api.post(accountCalendars(host, primary), host.token(), Map.of("calendarId", team), Map.of());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.body()).doesNotContain("ya29.", "1//", "refresh_token", "access_token");
    String teamId = added.json().get("id").asText();
    assertThat(added.json().get("label").asText()).isEqualTo("Team");
    assertThat(added.json().get("calendarId").asText()).isEqualTo(team);
    ApiResponse again = api.post(accountCalendars(host, primary), host.token(), Map.of("calendarId", team), Map.of());
    assertThat(again.status()).as("connecting it twice answers the same connection").isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(teamId);
    awaitStatus(host, teamId, "ok");
    await(() -> google.channels().stream().anyMatch(c -> c.calendarId().equals(team)), "no channel on %s", () -> team);

    google.putEvent(team, EventJson.timed(at(10), at(11)).summary("Team offsite"));
    awaitSlots(host, starts -> !starts.contains(instant(10)));

    ApiResponse chosen = api.put("/api/v1/hosts/" + host.hostId() + "/calendars/" + teamId, host.token(),
        Map.of("receivesBookings", true));
    assertThat(chosen.json().get("receivesBookings").asBoolean()).as(chosen.toString()).isTrue();
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", at(13).toInstant(), "UTC"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String bookingId = booked.json().get("id").asText();
    await(() -> writeStatus(host, bookingId).equals("written"), "the booking was not written: %s",
        () -> writeStatus(host, bookingId));
    assertThat(google.events(team)).as("the team calendar holds the booking and the offsite").hasSize(2);
    assertThat(google.events("multi@example.com")).as("the primary calendar got nothing").isEmpty();

    ApiResponse removed = api.send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + teamId, host.token(),
        null, Map.of());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    awaitSlots(host, starts -> starts.contains(instant(10)));
    google.putEvent("multi@example.com", EventJson.timed(at(15), at(16)).summary("Still synced"));
    awaitSlots(host, starts -> !starts.contains(instant(15)));
    assertThat(google.requests().count("POST", REVOKE)).as("the grant the primary calendar uses was kept").isZero();
    assertThat(status(host, id(primary))).isEqualTo("ok");

    api.send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + id(primary), host.token(), null, Map.of());
    await(() -> google.requests().count("POST", REVOKE) == 1, "the last calendar of the account did not revoke: %s",
        () -> google.requests().count("POST", REVOKE));
  }

  @Test
  void reconnectingARevokedAccountRevivesItsCalendarsInsteadOfListingThemTwice() throws Exception {
    String side = "side-again@group.calendar.google.com";
    google.addUser("again@example.com", ZoneOffset.UTC).addCalendar("again@example.com", side, "Side", ZoneOffset.UTC);
    ApiFixture host = publishedHost();
    JsonNode primary = connect(host, "again@example.com");
    ApiResponse added = api.post(accountCalendars(host, primary), host.token(), Map.of("calendarId", side), Map.of());
    String sideId = added.json().get("id").asText();
    awaitStatus(host, sideId, "ok");

    google.revokeRefreshToken("again@example.com");
    google.expireAccessTokens();
    google.putEvent("again@example.com", EventJson.timed(at(9), at(10)).summary("Wakes the primary sync"));
    google.putEvent(side, EventJson.timed(at(9), at(10)).summary("Wakes the side sync"));
    awaitStatus(host, id(primary), "disconnected");
    awaitStatus(host, sideId, "disconnected");
    ApiResponse listWhileRevoked = api.get(accountCalendars(host, primary), host.token());
    assertThat(listWhileRevoked.status()).as(listWhileRevoked.toString()).isEqualTo(400);

    ApiResponse reconnected = GoogleConsent.connect(api, google, host, "again@example.com");
    assertThat(reconnected.json().get("id").asText()).isEqualTo(id(primary));
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars"))
        .as("still one connection per calendar").hasSize(2);
    awaitStatus(host, id(primary), "ok");
    awaitStatus(host, sideId, "ok");
    google.putEvent(side, EventJson.timed(at(12), at(13)).summary("After reconnecting"));
    awaitSlots(host, starts -> !starts.contains(instant(12)));
  }

  @Test
  void theBrowserBackFromConsentIsShownWhichAccountIsConnectedOrWhyNot() throws Exception {
    google.addUser("browser@example.com", ZoneOffset.UTC);
    ApiFixture host = publishedHost();
    HttpResponse<String> page = followConsent(host, "browser@example.com", false);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(201);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("Google Calendar connected", "browser@example.com")
        .doesNotContain("ya29.", "1//");
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars"))
        .hasSize(1);

    HttpResponse<String> denied = followConsent(host, "browser@example.com", true);
    assertThat(denied.statusCode()).isEqualTo(400);
    assertThat(denied.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(denied.body()).contains("was not connected", "access_denied");
  }

  /** The host's browser: asks for the consent URL, consents (or cancels) at the fake, follows the redirect. */
  private static HttpResponse<String> followConsent(ApiFixture host, String user, boolean deny) throws Exception {
    ApiResponse start = api.get("/api/v1/hosts/" + host.hostId() + "/calendars/google/connect", host.token());
    if (deny) {
      google.nextConsentDenied();
    } else {
      google.nextConsentBy(user);
    }
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
    return browser.send(HttpRequest.newBuilder(URI.create(start.json().get("authorizationUrl").asText()))
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode connect(ApiFixture host, String user) throws Exception {
    JsonNode connected = GoogleConsent.connect(api, google, host, user).json();
    awaitStatus(host, id(connected), "ok");
    return connected;
  }

  private static String accountCalendars(ApiFixture host, JsonNode connection) {
    return "/api/v1/hosts/" + host.hostId() + "/calendars/" + id(connection) + "/account-calendars";
  }

  private static JsonNode entry(JsonNode listed, String calendarId) {
    for (JsonNode c : listed.get("calendars")) {
      if (c.get("calendarId").asText().equals(calendarId)) {
        return c;
      }
    }
    throw new AssertionError(calendarId + " not listed in " + listed);
  }

  private static String id(JsonNode connection) {
    return connection.get("id").asText();
  }

  private static String writeStatus(ApiFixture host, String bookingId) {
    return api.getBooking(host.hostId(), bookingId, host.token()).json().at("/calendarWrite/status").asText();
  }

  private static String status(ApiFixture host, String connectionId) {
    for (JsonNode c : api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars")) {
      if (c.get("id").asText().equals(connectionId)) {
        return c.get("status").asText();
      }
    }
    return "not listed";
  }

  private static void awaitStatus(ApiFixture host, String connectionId, String expected) {
    await(() -> status(host, connectionId).equals(expected), "connection never became " + expected + ": %s",
        () -> status(host, connectionId));
  }

  private static ApiFixture publishedHost() {
    return ApiFixture.newHost(api, "UTC")
        .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
  }

  private static ZonedDateTime at(int hour) {
    return day.atTime(hour, 0).atZone(ZoneOffset.UTC);
  }

  private static String instant(int hour) {
    return at(hour).toInstant().toString();
  }

  private static List<String> slotStarts(ApiFixture host) {
    List<String> starts = new ArrayList<>();
    api.slots(host.hostId(), "intro", day, day, null).json().at("/days/0/slots")
        .forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }

  private static void awaitSlots(ApiFixture host, Predicate<List<String>> condition) {
    await(() -> condition.test(slotStarts(host)), "the slots never changed as expected: %s", () -> slotStarts(host));
  }

  private static void await(BooleanSupplier condition, String message, Supplier<Object> detail) {
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
