package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.TestNodes;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hosts, schedules, event types and busy time through real HTTP, with every refusal. */
class HostApiTest extends NodeApiTestBase {

  @Test
  void theAdminCreatesAHostWhoseTokenIsShownOnce() {
    ApiResponse created = api.createHost(TestNodes.ADMIN_TOKEN, "Ann", "ann@example.com", "Europe/Paris");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    String token = created.json().get("apiToken").asText();
    assertThat(id).matches("[a-z2-7]{20}");
    assertThat(created.json().get("timeZone").asText()).isEqualTo("Europe/Paris");

    ApiResponse read = api.get("/api/v1/hosts/" + id, token);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("name").asText()).isEqualTo("Ann");
    assertThat(read.json().has("apiToken")).isFalse();
    assertThat(api.get("/api/v1/hosts/" + id, TestNodes.ADMIN_TOKEN).status()).isEqualTo(200);
  }

  @Test
  void onlyTheAdminCreatesHosts() {
    ApiFixture host = publishedHost();
    assertError(api.createHost(null, "Ann", "ann@example.com", "UTC"), 401, "unauthorized");
    assertError(api.createHost(host.token(), "Ann", "ann@example.com", "UTC"), 403, "forbidden");
  }

  @Test
  void badHostInputIsRefusedWithAClearMessage() {
    assertError(api.send("POST", "/api/v1/hosts", TestNodes.ADMIN_TOKEN, "{\"name\": ", Map.of()), 400, "invalid_request");
    assertError(api.post("/api/v1/hosts", TestNodes.ADMIN_TOKEN, Map.of("email", "a@b.c", "timeZone", "UTC"), Map.of()),
        400, "invalid_request");
    ApiResponse badZone = api.createHost(TestNodes.ADMIN_TOKEN, "Ann", "ann@example.com", "Mars/Olympus");
    assertError(badZone, 400, "invalid_request");
    assertThat(badZone.json().get("message").asText()).contains("Mars/Olympus");
    assertError(api.createHost(TestNodes.ADMIN_TOKEN, "Ann", "not-an-email", "UTC"), 400, "invalid_request");
  }

  @Test
  void aBodyOver64KiBIsRefused() {
    String huge = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"email\":\"a@b.c\",\"timeZone\":\"UTC\"}";
    ApiResponse response = api.send("POST", "/api/v1/hosts", TestNodes.ADMIN_TOKEN, huge, Map.of());
    assertError(response, 413, "invalid_request");
  }

  @Test
  void aHostIsReadOnlyWithItsOwnTokenOrTheAdmins() {
    ApiFixture ann = publishedHost();
    ApiFixture bob = publishedHost();
    String path = "/api/v1/hosts/" + ann.hostId();
    assertError(api.get(path, bob.token()), 403, "forbidden");
    assertError(api.get(path, null), 401, "unauthorized");
    assertError(api.get(path, "garbage"), 401, "unauthorized");
    assertError(api.get(path, "hst." + ann.hostId() + ".wrongsecret"), 401, "unauthorized");
    assertError(api.get("/api/v1/hosts/" + "a".repeat(20), TestNodes.ADMIN_TOKEN), 404, "not_found");
  }

  @Test
  void theScheduleRoundTripsWithOverridesAndTheEndOfDay() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK);
    Map<String, Object> schedule = Map.of("timeZone", "Europe/Amsterdam",
        "weekly", Map.of("MONDAY", List.of(Bodies.range("09:00", "12:00"), Bodies.range("13:00", "24:00"))),
        "overrides", List.of(Map.of("date", "2027-03-15", "intervals", List.of())));
    host.schedule(schedule);
    ApiResponse read = api.get("/api/v1/hosts/" + host.hostId() + "/schedule", host.token());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("timeZone").asText()).isEqualTo("Europe/Amsterdam");
    assertThat(read.json().at("/weekly/MONDAY/1/end").asText()).isEqualTo("24:00");
    assertThat(read.json().at("/overrides/0/date").asText()).isEqualTo("2027-03-15");
    assertThat(read.json().at("/overrides/0/intervals").size()).isZero();
  }

  @Test
  void aBadScheduleIsRefusedAndTheOldOneKept() {
    ApiFixture host = publishedHost();
    String path = "/api/v1/hosts/" + host.hostId() + "/schedule";
    assertError(api.put(path, host.token(), Map.of("timeZone", NEW_YORK,
        "weekly", Map.of("MONDAY", List.of(Bodies.range("17:00", "09:00"))))), 400, "invalid_request");
    assertError(api.put(path, host.token(), Map.of("timeZone", NEW_YORK,
        "weekly", Map.of("MONDAY", List.of(Bodies.range("09:00", "12:00"), Bodies.range("11:00", "13:00"))))),
        400, "invalid_request");
    assertError(api.put(path, host.token(), Map.of("timeZone", NEW_YORK,
        "weekly", Map.of("FUNDAY", List.of(Bodies.range("09:00", "12:00"))))), 400, "invalid_request");
    assertError(api.put(path, host.token(), Map.of("timeZone", "Nowhere/Land", "weekly", Map.of())),
        400, "invalid_request");
    assertError(api.put(path, host.token(), Map.of("timeZone", NEW_YORK,
        "weekly", Map.of("MONDAY", List.of(Bodies.range("09:00", "24:30"))))), 400, "invalid_request");
    assertThat(api.get(path, host.token()).json().at("/weekly/MONDAY/0/start").asText()).isEqualTo("09:00");
    assertError(api.put(path, TestNodes.ADMIN_TOKEN, Bodies.weekdays(NEW_YORK, "10:00", "11:00")), 403, "forbidden");
  }

  @Test
  void eventTypesTakeDefaultsAndAreListedForAnyone() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK).eventType("chat", Map.of("title", "Chat", "durationMinutes", 30));
    ApiResponse list = api.get("/api/v1/hosts/" + host.hostId() + "/event-types", null);
    assertThat(list.status()).isEqualTo(200);
    var chat = list.json().at("/eventTypes/0");
    assertThat(chat.get("slug").asText()).isEqualTo("chat");
    assertThat(chat.get("slotIntervalMinutes").asInt()).isEqualTo(30);
    assertThat(chat.get("bookingWindowDays").asInt()).isEqualTo(60);
    assertThat(chat.get("maxBookingsPerDay").isNull()).isTrue();
    assertThat(chat.get("inviteeChangeCutoffMinutes").asInt(-1)).isZero();

    host.eventType("chat", Map.of("title", "Chat", "durationMinutes", 30, "inviteeChangeCutoffMinutes", 1440));
    var changed = api.get("/api/v1/hosts/" + host.hostId() + "/event-types", null).json().at("/eventTypes/0");
    assertThat(changed.get("inviteeChangeCutoffMinutes").asInt()).isEqualTo(1440);
  }

  @Test
  void eventTypesShowTheirBookingWindowOfEveryKind() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK)
        .eventType("a-default", Map.of("title", "A", "durationMinutes", 30))
        .eventType("b-days", Map.of("title", "B", "durationMinutes", 30, "bookingWindowDays", 14))
        .eventType("c-rolling", Map.of("title", "C", "durationMinutes", 30,
            "bookingWindow", Map.of("kind", "rolling", "days", 30)))
        .eventType("d-indefinite", Map.of("title", "D", "durationMinutes", 30,
            "bookingWindow", Map.of("kind", "indefinite")))
        .eventType("e-range", Map.of("title", "E", "durationMinutes", 30,
            "bookingWindow", Map.of("kind", "dateRange", "firstDate", "2027-01-04", "lastDate", "2027-01-29")));
    var types = api.get("/api/v1/hosts/" + host.hostId() + "/event-types", null).json().get("eventTypes");

    assertThat(types.get(0).get("bookingWindowDays").asInt()).isEqualTo(60);
    assertThat(types.get(0).get("bookingWindow").toString()).isEqualTo("{\"kind\":\"rolling\",\"days\":60}");
    assertThat(types.get(1).get("bookingWindowDays").asInt()).isEqualTo(14);
    assertThat(types.get(1).get("bookingWindow").toString()).isEqualTo("{\"kind\":\"rolling\",\"days\":14}");
    assertThat(types.get(2).get("bookingWindowDays").asInt()).isEqualTo(30);
    assertThat(types.get(3).get("bookingWindowDays").isNull()).isTrue();
    assertThat(types.get(3).get("bookingWindow").toString()).isEqualTo("{\"kind\":\"indefinite\"}");
    assertThat(types.get(4).get("bookingWindowDays").isNull()).isTrue();
    assertThat(types.get(4).get("bookingWindow").toString())
        .isEqualTo("{\"kind\":\"dateRange\",\"firstDate\":\"2027-01-04\",\"lastDate\":\"2027-01-29\"}");
  }

  @Test
  void badBookingWindowsAreRefusedWithAClearMessage() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK);
    assertWindowRefused(host, Map.of("bookingWindowDays", 30, "bookingWindow", Map.of("kind", "indefinite")),
        "not both");
    assertWindowRefused(host, Map.of("bookingWindowDays", 0), "bookingWindowDays");
    assertWindowRefused(host, Map.of("bookingWindowDays", 366), "bookingWindowDays");
    assertWindowRefused(host, Map.of("bookingWindow", Map.of("kind", "forever")), "'forever'");
    assertWindowRefused(host, Map.of("bookingWindow", Map.of("days", 30)), "bookingWindow.kind");
    assertWindowRefused(host, Map.of("bookingWindow", Map.of("kind", "rolling")), "bookingWindow.days");
    assertWindowRefused(host, Map.of("bookingWindow", Map.of("kind", "rolling", "days", 400)), "bookingWindow.days");
    assertWindowRefused(host, Map.of("bookingWindow", Map.of("kind", "rolling", "days", 30, "firstDate", "2027-01-04")),
        "firstDate");
    assertWindowRefused(host, Map.of("bookingWindow", Map.of("kind", "indefinite", "days", 30)), "indefinite");
    assertWindowRefused(host, Map.of("bookingWindow", Map.of("kind", "dateRange", "firstDate", "2027-01-04")),
        "bookingWindow.lastDate");
    assertWindowRefused(host, Map.of("bookingWindow",
        Map.of("kind", "dateRange", "firstDate", "2027-01-29", "lastDate", "2027-01-04")), "before");
    assertWindowRefused(host, Map.of("bookingWindow",
        Map.of("kind", "dateRange", "firstDate", "2027-01-04", "lastDate", "2027-02-30")), "2027-02-30");
    assertWindowRefused(host, Map.of("bookingWindow",
        Map.of("kind", "dateRange", "firstDate", "2027-01-04", "lastDate", "+10000-01-01")), "2200-12-31");
    assertWindowRefused(host, Map.of("bookingWindow", "indefinite"), "bookingWindow");
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/event-types", null).json().at("/eventTypes").size()).isZero();
  }

  @Test
  void badEventTypesAreRefused() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK);
    assertError(api.putEventType(host.hostId(), host.token(), "chat", Map.of("title", "Chat")), 400, "invalid_request");
    assertError(api.putEventType(host.hostId(), host.token(), "Bad Slug!", Bodies.eventType(30)), 400, "invalid_request");
    assertError(api.putEventType(host.hostId(), host.token(), "chat",
        Map.of("title", "Chat", "durationMinutes", 30, "bufferBeforeMinutes", -5)), 400, "invalid_request");
    assertError(api.putEventType(host.hostId(), host.token(), "chat",
        Map.of("title", "Chat", "durationMinutes", "thirty")), 400, "invalid_request");
    assertError(api.putEventType(host.hostId(), host.token(), "chat",
        Map.of("title", "Chat", "durationMinutes", 30, "inviteeChangeCutoffMinutes", -1)), 400, "invalid_request");
    assertError(api.putEventType(host.hostId(), host.token(), "chat",
        Map.of("title", "Chat", "durationMinutes", 30, "inviteeChangeCutoffMinutes", 7 * 24 * 60 + 1)),
        400, "invalid_request");
    assertThat(api.get("/api/v1/hosts/" + host.hostId() + "/event-types", null).json().at("/eventTypes").size()).isZero();
  }

  @Test
  void busyTimeOfASourceBlocksSlotsUntilReplaced() {
    ApiFixture host = publishedHost();
    String busyPath = "/api/v1/hosts/" + host.hostId() + "/busy/google-primary";
    ApiResponse put = api.put(busyPath, host.token(), Map.of("intervals",
        List.of(Map.of("start", "2027-03-02T09:30:00-05:00", "end", "2027-03-02T11:00:00-05:00"))));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().at("/intervals/0/start").asText()).isEqualTo("2027-03-02T14:30:00Z");

    LocalDate tuesday = LocalDate.parse("2027-03-02");
    assertThat(slotStarts(host, tuesday)).doesNotContain("2027-03-02T14:00:00Z", "2027-03-02T15:00:00Z")
        .contains("2027-03-02T16:00:00Z");
    api.put(busyPath, host.token(), Map.of("intervals", List.of()));
    assertThat(slotStarts(host, tuesday)).contains("2027-03-02T14:00:00Z", "2027-03-02T15:00:00Z");

    assertError(api.put(busyPath, host.token(), Map.of("intervals",
        List.of(Map.of("start", "2027-03-02T12:00:00Z", "end", "2027-03-02T11:00:00Z")))), 400, "invalid_request");
    assertError(api.put(busyPath, host.token(), Map.of()), 400, "invalid_request");
  }

  private static void assertWindowRefused(ApiFixture host, Map<String, Object> window, String said) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("title", "Chat", "durationMinutes", 30));
    body.putAll(window);
    ApiResponse refused = api.putEventType(host.hostId(), host.token(), "chat", body);
    assertError(refused, 400, "invalid_request");
    assertThat(refused.json().get("message").asText()).as(refused.toString()).contains(said);
  }

  static List<String> slotStarts(ApiFixture host, LocalDate date) {
    ApiResponse slots = api.slots(host.hostId(), "intro", date, date, null);
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    List<String> starts = new java.util.ArrayList<>();
    slots.json().at("/days/0/slots").forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }
}
