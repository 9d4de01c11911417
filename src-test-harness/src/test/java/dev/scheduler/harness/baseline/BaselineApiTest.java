package dev.scheduler.harness.baseline;

import static dev.scheduler.harness.baseline.BaselineFixture.ADMIN;
import static dev.scheduler.harness.baseline.BaselineFixture.booking;
import static dev.scheduler.harness.baseline.BaselineFixture.everyDay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.audit.HistoryEvent;
import dev.scheduler.harness.baseline.BaselineFixture.Host;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Slots, DST, the booking life cycle and the error answers, for every strategy. */
class BaselineApiTest {
  private static BaselineFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new BaselineFixture();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aBookedSlotAndItsBufferNeighboursAreNotListed(Strategy strategy) {
    Host host = fixture.host(strategy, everyDay("UTC", "08:00", "14:00"), "hour", Map.of("title", "Hour",
        "durationMinutes", 60, "slotIntervalMinutes", 30, "bufferBeforeMinutes", 15, "bufferAfterMinutes", 15));
    SchedulerApiClient api = fixture.api(strategy);
    LocalDate day = LocalDate.parse("2027-10-06");
    assertThat(starts(api.slots(host.id(), "hour", day, day, "UTC"))).containsExactly("08:00", "08:30", "09:00",
        "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00");

    ApiResponse booked = api.book(host.id(), null, booking("hour", Instant.parse("2027-10-06T10:00:00Z"), "Bo"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

    // Blocked [09:45, 11:15); a slot s blocks [s - 15, s + 75): 08:30 and 11:30 just touch it.
    assertThat(starts(api.slots(host.id(), "hour", day, day, "UTC")))
        .containsExactly("08:00", "08:30", "11:30", "12:00", "12:30", "13:00");
    ApiResponse neighbour = api.book(host.id(), null, booking("hour", Instant.parse("2027-10-06T09:00:00Z"), "Cy"), null);
    assertThat(neighbour.status()).as(neighbour.toString()).isEqualTo(409);
    assertThat(BaselineFixture.error(neighbour)).isEqualTo("slot_unavailable");
    assertThat(api.book(host.id(), null, booking("hour", Instant.parse("2027-10-06T11:30:00Z"), "Di"), null).status())
        .isEqualTo(201);
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void theFallBackNightInAmsterdamListsEveryRealHalfHourOnce(Strategy strategy) {
    Host host = fixture.host(strategy, Map.of("timeZone", "Europe/Amsterdam",
        "weekly", Map.of("SUNDAY", List.of(Map.of("start", "00:00", "end", "04:00")))), "dst",
        Map.of("title", "Night", "durationMinutes", 30));
    SchedulerApiClient api = fixture.api(strategy);
    LocalDate sunday = LocalDate.parse("2027-10-31");

    ApiResponse local = api.slots(host.id(), "dst", sunday, sunday, "Europe/Amsterdam");
    assertThat(local.status()).as(local.toString()).isEqualTo(200);
    JsonNode day = local.json().path("days").get(0);
    assertThat(day.path("date").asText()).isEqualTo("2027-10-31");
    List<String> utc = new ArrayList<>();
    List<String> wall = new ArrayList<>();
    day.path("slots").forEach(slot -> {
      utc.add(slot.path("start").asText());
      wall.add(slot.path("localStart").asText());
    });
    assertThat(utc).containsExactly("2027-10-30T22:00:00Z", "2027-10-30T22:30:00Z", "2027-10-30T23:00:00Z",
        "2027-10-30T23:30:00Z", "2027-10-31T00:00:00Z", "2027-10-31T00:30:00Z", "2027-10-31T01:00:00Z",
        "2027-10-31T01:30:00Z", "2027-10-31T02:00:00Z", "2027-10-31T02:30:00Z");
    assertThat(wall).containsExactly("2027-10-31T00:00:00+02:00", "2027-10-31T00:30:00+02:00",
        "2027-10-31T01:00:00+02:00", "2027-10-31T01:30:00+02:00", "2027-10-31T02:00:00+02:00",
        "2027-10-31T02:30:00+02:00", "2027-10-31T02:00:00+01:00", "2027-10-31T02:30:00+01:00",
        "2027-10-31T03:00:00+01:00", "2027-10-31T03:30:00+01:00");

    JsonNode inUtc = api.slots(host.id(), "dst", sunday.minusDays(1), sunday, "UTC").json();
    assertThat(inUtc.path("timeZone").asText()).isEqualTo("UTC");
    assertThat(inUtc.path("days").get(0).path("slots")).hasSize(4);
    assertThat(inUtc.path("days").get(1).path("slots")).hasSize(6);

    ApiResponse secondTwoOClock = api.book(host.id(), null, booking("dst", Instant.parse("2027-10-31T01:00:00Z"), "Bo"), null);
    assertThat(secondTwoOClock.status()).as(secondTwoOClock.toString()).isEqualTo(201);
    ApiResponse offGrid = api.book(host.id(), null, booking("dst", Instant.parse("2027-10-31T00:45:00Z"), "Cy"), null);
    assertThat(offGrid.status()).isEqualTo(409);
    assertThat(BaselineFixture.error(offGrid)).isEqualTo("slot_unavailable");
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aBookingIsReadMovedAndCancelledWithItsTokenAndEveryChangeIsInTheHistory(Strategy strategy) throws Exception {
    Host host = fixture.host(strategy, everyDay("UTC", "08:00", "20:00"), "call", Map.of("title", "Call",
        "durationMinutes", 30, "bufferAfterMinutes", 10, "minimumNoticeMinutes", 120));
    SchedulerApiClient api = fixture.api(strategy);
    ApiResponse booked = api.book(host.id(), null, booking("call", Instant.parse("2027-10-08T09:00:00Z"), "Bo"), "k1");
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String id = booked.json().path("id").asText();
    String token = booked.json().path("bookingToken").asText();
    assertThat(booked.json().path("hostId").asText()).isEqualTo(host.id());
    assertThat(booked.json().path("invitee").path("timeZone").asText()).isEqualTo("Europe/Paris");

    assertThat(api.getBooking(host.id(), id, null).status()).isEqualTo(401);
    assertThat(api.getBooking(host.id(), id, "wrong").status()).isEqualTo(401);
    assertThat(api.getBooking(host.id(), id, host.token()).json().path("id").asText()).isEqualTo(id);
    ApiResponse read = api.get("/api/v1/hosts/" + host.id() + "/bookings/" + id + "?token=" + token, null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().has("bookingToken")).isFalse();
    assertThat(api.getBooking(host.id(), "nosuchbooking", host.token()).status()).isEqualTo(404);

    ApiResponse moved = api.reschedule(host.id(), id, token, Instant.parse("2027-10-08T11:00:00Z"));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().path("end").asText()).isEqualTo("2027-10-08T11:30:00Z");
    assertThat(api.reschedule(host.id(), id, token, Instant.parse("2027-10-08T11:10:00Z")).status()).isEqualTo(409);
    assertThat(api.reschedule(host.id(), id, token, Instant.parse("2027-10-01T01:00:00Z")).status())
        .as("inside the notice").isEqualTo(409);

    ApiResponse cancelled = api.cancel(host.id(), id, host.token(), "ill");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.json().path("cancelReason").asText()).isEqualTo("ill");
    assertThat(api.cancel(host.id(), id, token, "again").status()).isEqualTo(200);
    assertThat(api.reschedule(host.id(), id, token, Instant.parse("2027-10-08T12:00:00Z")).status()).isEqualTo(409);

    List<HistoryEvent> history = fixture.server(strategy).historySource().readAll().get(host.id());
    assertThat(history).hasSize(3);
    HistoryEvent.Confirmed confirmed = (HistoryEvent.Confirmed) history.get(0);
    assertThat(confirmed.idempotencyKey()).isEqualTo("k1");
    assertThat(confirmed.bufferAfterMinutes()).isEqualTo(10);
    assertThat(confirmed.blockedEnd()).isEqualTo(Instant.parse("2027-10-08T09:40:00Z"));
    assertThat(history.get(1)).isEqualTo(new HistoryEvent.Rescheduled(host.id(), id,
        Instant.parse("2027-10-08T11:00:00Z"), Instant.parse("2027-10-08T11:30:00Z")));
    assertThat(history.get(2)).isEqualTo(new HistoryEvent.Cancelled(host.id(), id));
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void refusalsHaveTheNodesStatusesAndShape(Strategy strategy) {
    Host host = fixture.host(strategy, everyDay("UTC", "08:00", "20:00"), "call", Map.of("title", "Call",
        "durationMinutes", 30));
    SchedulerApiClient api = fixture.api(strategy);
    assertError(api.get("/nowhere", null), 404, "not_found");
    assertError(api.createHost(null, "A", "a@example.com", "UTC"), 401, "unauthorized");
    assertError(api.putSchedule(host.id(), "wrong", everyDay("UTC", "08:00", "09:00")), 401, "unauthorized");
    assertError(api.putSchedule(host.id(), host.token(), everyDay("Mars/Olympus", "08:00", "09:00")), 400,
        "invalid_request");
    assertError(api.send("POST", "/api/v1/hosts/" + host.id() + "/bookings", null, "{not json", Map.of()), 400,
        "invalid_request");
    assertError(api.book("nosuchhost", null, booking("call", Instant.parse("2027-10-05T10:00:00Z"), "Bo"), null),
        404, "not_found");
    assertError(api.book(host.id(), null, booking("nosuchtype", Instant.parse("2027-10-05T10:00:00Z"), "Bo"), null),
        404, "not_found");
    assertError(api.book(host.id(), null, booking("call", Instant.parse("2027-10-05T10:10:00Z"), "Bo"), null),
        409, "slot_unavailable");
    assertError(api.book(host.id(), null, booking("call", Instant.parse("2027-12-05T10:00:00Z"), "Bo"), null),
        409, "slot_unavailable");
    assertError(api.book(host.id(), null, booking("call", Instant.parse("2027-09-05T10:00:00Z"), "Bo"), null),
        400, "invalid_request");
    LocalDate first = LocalDate.parse("2027-10-01");
    assertError(api.slots(host.id(), "call", first, first.plusDays(62), null), 400, "invalid_request");
    assertThat(api.slots(host.id(), "call", first, first.plusDays(61), null).json().path("days")).hasSize(62);

    ApiResponse stats = api.get("/baseline/stats", null);
    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.json().path("strategy").asText()).isEqualTo(strategy.cliName());
    assertThat(stats.json().path("notOffered").asLong()).isGreaterThanOrEqualTo(2);
  }

  /**
   * The node's answers to wrong credentials (its {@code Credentials} and {@code HostAccessRules},
   * checked against a running node): a token that names another host is 403 before anything else,
   * even before the body is read or the host looked up; the admin token or a booking token where
   * they do not reach is 403; no token, a host token that does not match, or a token that is none
   * of ours is 401; an unknown host is 404 for a caller whose token does not name another host.
   */
  @ParameterizedTest
  @EnumSource(Strategy.class)
  void wrongCredentialsGetTheNodesStatuses(Strategy strategy) {
    Map<String, Object> schedule = everyDay("UTC", "08:00", "20:00");
    Map<String, Object> call = Map.of("title", "Call", "durationMinutes", 30);
    Host host = fixture.host(strategy, schedule, "call", call);
    Host other = fixture.host(strategy, schedule, "call", call);
    SchedulerApiClient api = fixture.api(strategy);
    ApiResponse first = api.book(host.id(), null, booking("call", Instant.parse("2027-10-05T10:00:00Z"), "Bo"), null);
    ApiResponse second = api.book(host.id(), null, booking("call", Instant.parse("2027-10-05T12:00:00Z"), "Cy"), null);
    assertThat(List.of(first.status(), second.status())).containsExactly(201, 201);
    String firstId = first.json().path("id").asText();
    String firstToken = first.json().path("bookingToken").asText();
    String secondId = second.json().path("id").asText();
    Instant later = Instant.parse("2027-10-05T14:00:00Z");
    String unknownHost = "a".repeat(20);

    // Missing token.
    assertError(api.putSchedule(host.id(), null, schedule), 401, "unauthorized", "An API token is required.");
    assertError(api.getBooking(host.id(), firstId, null), 401, "unauthorized", "An API token is required.");
    assertError(api.cancel(host.id(), firstId, null, null), 401, "unauthorized", "An API token is required.");
    // Another host's token: forbidden, whatever the endpoint, the body or the host.
    String belongs = "This token belongs to another host.";
    assertError(api.putSchedule(host.id(), other.token(), schedule), 403, "forbidden", belongs);
    assertError(api.putEventType(host.id(), other.token(), "call", call), 403, "forbidden", belongs);
    assertError(api.getBooking(host.id(), firstId, other.token()), 403, "forbidden", belongs);
    assertError(api.cancel(host.id(), firstId, other.token(), null), 403, "forbidden", belongs);
    assertError(api.reschedule(host.id(), firstId, other.token(), later), 403, "forbidden", belongs);
    assertError(api.send("PUT", "/api/v1/hosts/" + host.id() + "/schedule", other.token(), "{not json", Map.of()),
        403, "forbidden", belongs);
    assertError(api.putSchedule(unknownHost, host.token(), schedule), 403, "forbidden", belongs);
    assertError(api.getBooking(unknownHost, firstId, firstToken), 403, "forbidden", belongs);
    // Credentials that are real but do not reach that far.
    String mayNot = "This token may not do that for this host.";
    assertError(api.putSchedule(host.id(), ADMIN, schedule), 403, "forbidden", mayNot);
    assertError(api.putSchedule(host.id(), firstToken, schedule), 403, "forbidden", mayNot);
    assertError(api.getBooking(host.id(), secondId, firstToken), 403, "forbidden", mayNot);
    assertError(api.cancel(host.id(), secondId, firstToken, null), 403, "forbidden", mayNot);
    // Tokens that prove nothing.
    assertError(api.putSchedule(host.id(), "hst." + host.id() + ".guess", schedule), 401, "unauthorized",
        "The API token is not valid for this host.");
    assertError(api.putSchedule(host.id(), "wrong", schedule), 401, "unauthorized", "The token is not recognised.");
    assertError(api.putSchedule(unknownHost, "wrong", schedule), 401, "unauthorized", "The token is not recognised.");
    assertError(api.getBooking(host.id(), firstId, "bkg." + host.id() + "." + firstId + ".forged"), 401,
        "unauthorized", "The booking token is not valid.");
    // An unknown host, for callers whose token does not name another one.
    assertError(api.putSchedule(unknownHost, null, schedule), 404, "not_found", "No such host.");
    assertError(api.putSchedule(unknownHost, ADMIN, schedule), 404, "not_found", "No such host.");
    assertError(api.getBooking(unknownHost, firstId, null), 404, "not_found", "No such host.");
    assertError(api.book(unknownHost, null, booking("call", later, "Bo"), null), 404, "not_found", "No such host.");

    assertThat(api.getBooking(host.id(), firstId, firstToken).status()).isEqualTo(200);
    assertThat(api.getBooking(host.id(), secondId, host.token()).status()).isEqualTo(200);
    assertThat(api.reschedule(host.id(), firstId, firstToken, later).status()).isEqualTo(200);
    assertThat(api.cancel(host.id(), secondId, host.token(), null).status()).isEqualTo(200);
  }

  @Test
  void theAdminTokenIsCheckedAndTheHostTokenShownOnce() {
    SchedulerApiClient api = fixture.api(Strategy.EXCLUSION);
    assertError(api.createHost("not-admin", "A", "a@example.com", "UTC"), 403, "forbidden");
    ApiResponse created = api.createHost(ADMIN, "A", "a@example.com", "America/New_York");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("timeZone").asText()).isEqualTo("America/New_York");
    assertThat(created.json().path("apiToken").asText()).startsWith("hst.");
  }

  private static void assertError(ApiResponse response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(BaselineFixture.error(response)).isEqualTo(code);
    assertThat(response.json().path("message").asText()).isNotBlank();
  }

  private static void assertError(ApiResponse response, int status, String code, String message) {
    assertError(response, status, code);
    assertThat(response.json().path("message").asText()).isEqualTo(message);
  }

  /** The UTC wall-clock times of the listed starts, all days together. */
  private static List<String> starts(ApiResponse slots) {
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    List<String> starts = new ArrayList<>();
    slots.json().path("days").forEach(day -> day.path("slots").forEach(
        slot -> starts.add(slot.path("start").asText().substring(11, 16))));
    return starts;
  }
}
