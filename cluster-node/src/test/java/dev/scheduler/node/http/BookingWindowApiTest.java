package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Booking windows of every kind through real HTTP: how an event type shows them, which slots are
 * listed, and which bookings and reschedules are taken. Now is Monday 2027-03-01 08:00 in New York.
 */
class BookingWindowApiTest extends NodeApiTestBase {

  @Test
  void aDateRangeOffersAndBooksOnlyItsOwnDates() {
    ApiFixture host = host(Map.of("kind", "dateRange", "firstDate", "2027-03-03", "lastDate", "2027-03-04"));

    ApiResponse slots = api.slots(host.hostId(), "intro", LocalDate.parse("2027-03-01"),
        LocalDate.parse("2027-03-06"), null);
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    assertThat(datesWithSlots(slots.json())).containsExactly("2027-03-03", "2027-03-04");
    assertError(book(host, "2027-03-02T22:00:00Z"), 409, "slot_unavailable"); // 17:00 the day before
    assertError(book(host, "2027-03-05T14:00:00Z"), 409, "slot_unavailable"); // 09:00 the day after
    ApiResponse first = book(host, "2027-03-03T14:00:00Z");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(book(host, "2027-03-05T04:00:00Z").status()).isEqualTo(201); // 23:00 on the last date

    String id = first.json().get("id").asText();
    String token = first.json().get("bookingToken").asText();
    assertError(api.reschedule(host.hostId(), id, token, Instant.parse("2027-03-05T14:00:00Z")),
        409, "slot_unavailable");
    assertThat(api.reschedule(host.hostId(), id, token, Instant.parse("2027-03-04T14:00:00Z")).status())
        .isEqualTo(200);
  }

  @Test
  void anIndefiniteWindowBooksFarAheadWhileListingsStayWithin62Days() {
    ApiFixture host = host(Map.of("kind", "indefinite"));
    LocalDate farAhead = LocalDate.parse("2028-01-10");

    ApiResponse slots = api.slots(host.hostId(), "intro", farAhead, farAhead, null);
    assertThat(slots.json().at("/days/0/slots").size()).as(slots.toString()).isEqualTo(24);
    assertThat(book(host, "2028-01-10T14:00:00Z").status()).isEqualTo(201);
    assertError(api.slots(host.hostId(), "intro", farAhead, farAhead.plusDays(62), null), 400, "invalid_request");
  }

  @Test
  void aRollingWindowGivenAsAnObjectEndsAfterItsDays() {
    ApiFixture host = host(Map.of("kind", "rolling", "days", 2));

    // Two days from now is Wednesday 08:00 in New York: its last slot starts at 07:00.
    ApiResponse slots = api.slots(host.hostId(), "intro", LocalDate.parse("2027-03-01"),
        LocalDate.parse("2027-03-04"), null);
    assertThat(datesWithSlots(slots.json())).containsExactly("2027-03-01", "2027-03-02", "2027-03-03");
    JsonNode wednesday = slots.json().at("/days/2/slots");
    assertThat(wednesday.get(wednesday.size() - 1).get("start").asText()).isEqualTo("2027-03-03T12:00:00Z");
    assertError(book(host, "2027-03-03T13:00:00Z"), 409, "slot_unavailable");
  }

  /** An event type every hour of every day, whose window is {@code window}. */
  private static ApiFixture host(Map<String, Object> window) {
    return ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.everyDay(NEW_YORK, "00:00", "24:00"))
        .eventType("intro", Map.of("title", "Intro", "durationMinutes", 60, "bookingWindow", window));
  }

  private static ApiResponse book(ApiFixture host, String start) {
    return api.book(host.hostId(), null, Bodies.booking("intro", start, "Europe/Paris"), null);
  }

  private static List<String> datesWithSlots(JsonNode slots) {
    List<String> dates = new ArrayList<>();
    slots.get("days").forEach(day -> {
      if (!day.get("slots").isEmpty()) {
        dates.add(day.get("date").asText());
      }
    });
    return dates;
  }
}
