package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slot listings through real HTTP: grouping by the asker's dates, DST, limits and refusals. */
class SlotApiTest extends NodeApiTestBase {

  @Test
  void listsEveryAskedDateWithUtcInstantsAndLocalStarts() {
    ApiFixture host = publishedHost();
    ApiResponse slots = api.slots(host.hostId(), "intro", LocalDate.parse("2027-03-05"), LocalDate.parse("2027-03-08"), null);
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    JsonNode json = slots.json();
    assertThat(json.get("timeZone").asText()).isEqualTo(NEW_YORK);
    assertThat(json.get("durationMinutes").asInt()).isEqualTo(60);
    assertThat(json.get("days")).hasSize(4);
    assertThat(json.at("/days/0/date").asText()).isEqualTo("2027-03-05");
    assertThat(json.at("/days/0/slots")).hasSize(8);
    assertThat(json.at("/days/1/slots")).isEmpty();
    JsonNode first = json.at("/days/0/slots/0");
    assertThat(first.get("start").asText()).isEqualTo("2027-03-05T14:00:00Z");
    assertThat(first.get("end").asText()).isEqualTo("2027-03-05T15:00:00Z");
    assertThat(first.get("localStart").asText()).isEqualTo("2027-03-05T09:00:00-05:00");
  }

  @Test
  void springForwardSundayInNewYorkStartsAt17Z() {
    clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK)
        .schedule(java.util.Map.of("timeZone", NEW_YORK,
            "weekly", java.util.Map.of("SUNDAY", List.of(Bodies.range("13:00", "18:00")))))
        .eventType("intro", Bodies.eventType(60));
    LocalDate sunday = LocalDate.parse("2026-03-08");
    ApiResponse slots = api.slots(host.hostId(), "intro", sunday, sunday, null);
    assertThat(starts(slots.json(), 0)).containsExactly("2026-03-08T17:00:00Z", "2026-03-08T18:00:00Z",
        "2026-03-08T19:00:00Z", "2026-03-08T20:00:00Z", "2026-03-08T21:00:00Z");
  }

  @Test
  void theNineOClockSlotAfterFallBackIs14ZAndCanBeBooked() {
    clock.set(Instant.parse("2023-11-01T12:00:00Z"));
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.weekdays(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
    LocalDate monday = LocalDate.parse("2023-11-06");
    ApiResponse slots = api.slots(host.hostId(), "intro", monday, monday, null);
    assertThat(starts(slots.json(), 0)).startsWith("2023-11-06T14:00:00Z");
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", "2023-11-06T09:00:00-05:00", "UTC"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(booked.json().get("start").asText()).isEqualTo("2023-11-06T14:00:00Z");
  }

  @Test
  void kolkataSlotsAreGroupedUnderPagoPagoDatesAndEachShownSlotCanBeBooked() {
    String kolkata = "Asia/Kolkata";
    String pagoPago = "Pacific/Pago_Pago";
    ApiFixture host = ApiFixture.newHost(api, kolkata)
        .schedule(Bodies.weekdays(kolkata, "09:00", "13:00"))
        .eventType("intro", Bodies.eventType(60));
    ApiResponse slots = api.slots(host.hostId(), "intro", LocalDate.parse("2027-03-08"), LocalDate.parse("2027-03-09"), pagoPago);
    assertThat(slots.json().get("timeZone").asText()).isEqualTo(pagoPago);
    List<String> shown = new ArrayList<>();
    for (JsonNode day : slots.json().get("days")) {
      LocalDate date = LocalDate.parse(day.get("date").asText());
      for (JsonNode slot : day.get("slots")) {
        OffsetDateTime local = OffsetDateTime.parse(slot.get("localStart").asText());
        Instant start = Instant.parse(slot.get("start").asText());
        assertThat(start.atZone(ZoneId.of(pagoPago)).toLocalDate()).isEqualTo(date);
        assertThat(local.toInstant()).isEqualTo(start);
        assertThat(local.getOffset().getId()).isEqualTo("-11:00");
        shown.add(slot.get("start").asText());
      }
    }
    // Kolkata Tuesday 09:00-13:00 (+05:30) is 03:30Z-07:30Z, i.e. Monday 16:30-20:30 in Pago Pago.
    assertThat(starts(slots.json(), 0)).contains("2027-03-09T03:30:00Z");
    assertThat(shown).hasSizeGreaterThanOrEqualTo(4);
    for (String start : shown) {
      ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, pagoPago), null);
      assertThat(booked.status()).as("booking shown slot %s: %s", start, booked).isEqualTo(201);
    }
  }

  @Test
  void listingsAreLimitedTo62DaysAndRefuseBadParameters() {
    ApiFixture host = publishedHost();
    LocalDate start = LocalDate.parse("2027-03-01");
    assertThat(api.slots(host.hostId(), "intro", start, start.plusDays(61), null).status()).isEqualTo(200);
    assertError(api.slots(host.hostId(), "intro", start, start.plusDays(62), null), 400, "invalid_request");
    assertError(api.slots(host.hostId(), "intro", start, start.minusDays(1), null), 400, "invalid_request");
    assertError(api.slots(host.hostId(), "intro", start, start, "Not/AZone"), 400, "invalid_request");
    assertError(api.slots(host.hostId(), "nope", start, start, null), 404, "not_found");
    assertError(api.slots("a".repeat(20), "intro", start, start, null), 404, "not_found");
    assertError(api.get("/api/v1/hosts/" + host.hostId() + "/event-types/intro/slots?start=2027-03-01", null),
        400, "invalid_request");
    assertError(api.get("/api/v1/hosts/" + host.hostId() + "/event-types/intro/slots?start=tomorrow&end=2027-03-02", null),
        400, "invalid_request");
  }

  static List<String> starts(JsonNode slots, int day) {
    List<String> starts = new ArrayList<>();
    slots.at("/days/" + day + "/slots").forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }
}
