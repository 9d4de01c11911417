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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
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
  static GoogleTestNode node;
  static FakeGoogleCalendar google;
  static SchedulerApiClient api;
  static UtcDay day;

  @BeforeAll
  static void start() {
    node = GoogleTestNode.builder()
        .pollInterval(Duration.ofHours(1))
        .pollIntervalWithPush(Duration.ofHours(1))
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
  void aSecondCalendarOfTheAccountBlocksSlotsReceivesBookingsAndLeavesTheGrantWhenRemoved() throws Exception {
    String team = "team-multi@group.calendar.google.com";
    google.addUser("multi@example.com", ZoneOffset.UTC).addCalendar("multi@example.com", team, "Team", ZoneOffset.UTC);
    ApiFixture host = node.publishedHost();
    Connection primary = node.connectAndSync(host, "multi@example.com");
    assertThat(primary.json().get("calendarId").asText()).isEqualTo("primary");
    assertThat(primary.json().get("account").asText()).isEqualTo("multi@example.com");

    JsonNode listed = api.get(accountCalendars(primary), host.token()).json();
    assertThat(listed.get("account").asText()).isEqualTo("multi@example.com");
    assertThat(listed.get("calendars")).hasSize(2);
    assertThat(entry(listed, "multi@example.com").get("connectionId").asText()).isEqualTo(primary.id());
    assertThat(entry(listed, team).get("connectionId").isNull()).isTrue();

    ApiResponse added = api.post(accountCalendars(primary), host.token(), Map.of("calendarId", team), Map.of());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.body()).doesNotContain("ya29.", "1//", "refresh_token", "access_token");
    Connection teamConnection = new Connection(host, added.json());
    String teamId = teamConnection.id();
    assertThat(added.json().get("label").asText()).isEqualTo("Team");
    assertThat(added.json().get("calendarId").asText()).isEqualTo(team);
    ApiResponse again = api.post(accountCalendars(primary), host.token(), Map.of("calendarId", team), Map.of());
    assertThat(again.status()).as("connecting it twice answers the same connection").isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(teamId);
    node.awaitStatus(teamConnection, "ok");
    node.awaitChannelFor(team);

    google.putEvent(team, EventJson.timed(day.at(10), day.at(11)).summary("Team offsite"));
    node.awaitBlocked(host, day.at(10));

    ApiResponse chosen = api.put("/api/v1/hosts/" + host.hostId() + "/calendars/" + teamId, host.token(),
        Map.of("receivesBookings", true));
    assertThat(chosen.json().get("receivesBookings").asBoolean()).as(chosen.toString()).isTrue();
    String bookingId = node.book(host, day.at(13)).json().get("id").asText();
    node.awaitWriteStatus(host, bookingId, "written");
    assertThat(google.events(team)).as("the team calendar holds the booking and the offsite").hasSize(2);
    assertThat(google.events("multi@example.com")).as("the primary calendar got nothing").isEmpty();

    ApiResponse removed = api.send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + teamId, host.token(),
        null, Map.of());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    node.awaitFree(host, day.at(10));
    google.putEvent("multi@example.com", EventJson.timed(day.at(15), day.at(16)).summary("Still synced"));
    node.awaitBlocked(host, day.at(15));
    assertThat(google.requests().count("POST", REVOKE)).as("the grant the primary calendar uses was kept").isZero();
    assertThat(node.status(primary)).isEqualTo("ok");

    api.send("DELETE", "/api/v1/hosts/" + host.hostId() + "/calendars/" + primary.id(), host.token(), null, Map.of());
    node.await(() -> google.requests().count("POST", REVOKE) == 1,
        "the last calendar of the account did not revoke: %s", () -> google.requests().count("POST", REVOKE));
  }

  @Test
  void reconnectingARevokedAccountRevivesItsCalendarsInsteadOfListingThemTwice() throws Exception {
    String side = "side-again@group.calendar.google.com";
    google.addUser("again@example.com", ZoneOffset.UTC).addCalendar("again@example.com", side, "Side", ZoneOffset.UTC);
    ApiFixture host = node.publishedHost();
    Connection primary = node.connectAndSync(host, "again@example.com");
    ApiResponse added = api.post(accountCalendars(primary), host.token(), Map.of("calendarId", side), Map.of());
    Connection sideConnection = new Connection(host, added.json());
    node.awaitStatus(sideConnection, "ok");

    google.revokeRefreshToken("again@example.com");
    google.expireAccessTokens();
    google.putEvent("again@example.com", EventJson.timed(day.at(9), day.at(10)).summary("Wakes the primary sync"));
    google.putEvent(side, EventJson.timed(day.at(9), day.at(10)).summary("Wakes the side sync"));
    node.awaitStatus(primary, "disconnected");
    node.awaitStatus(sideConnection, "disconnected");
    ApiResponse listWhileRevoked = api.get(accountCalendars(primary), host.token());
    assertThat(listWhileRevoked.status()).as(listWhileRevoked.toString()).isEqualTo(400);

    Connection reconnected = node.connect(host, "again@example.com");
    assertThat(reconnected.id()).isEqualTo(primary.id());
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars"))
        .as("still one connection per calendar").hasSize(2);
    node.awaitStatus(primary, "ok");
    node.awaitStatus(sideConnection, "ok");
    google.putEvent(side, EventJson.timed(day.at(12), day.at(13)).summary("After reconnecting"));
    node.awaitBlocked(host, day.at(12));
  }

  @Test
  void theBrowserBackFromConsentIsShownWhichAccountIsConnectedOrWhyNot() throws Exception {
    google.addUser("browser@example.com", ZoneOffset.UTC);
    ApiFixture host = node.publishedHost();
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

  private static String accountCalendars(Connection connection) {
    return "/api/v1/hosts/" + connection.host().hostId() + "/calendars/" + connection.id() + "/account-calendars";
  }

  private static JsonNode entry(JsonNode listed, String calendarId) {
    for (JsonNode c : listed.get("calendars")) {
      if (c.get("calendarId").asText().equals(calendarId)) {
        return c;
      }
    }
    throw new AssertionError(calendarId + " not listed in " + listed);
  }
}
