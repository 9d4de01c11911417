package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.TestNodes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Booking, reading, cancelling and rescheduling through real HTTP, with every refusal. */
class BookingApiTest extends NodeApiTestBase {
  static final String TUESDAY_9 = "2027-03-02T14:00:00Z";
  static final String TUESDAY_10 = "2027-03-02T15:00:00Z";
  static final String TUESDAY_11 = "2027-03-02T16:00:00Z";

  @Test
  void aBookedSlotIsTakenAndItsTokenReadsIt() {
    ApiFixture host = publishedHost();
    ApiResponse booked = book(host, TUESDAY_9);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String id = booked.json().get("id").asText();
    String bookingToken = booked.json().get("bookingToken").asText();
    assertThat(booked.json().get("hostId").asText()).isEqualTo(host.hostId());
    assertThat(booked.json().get("end").asText()).isEqualTo(TUESDAY_10);
    assertThat(booked.json().get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(booked.json().at("/invitee/timeZone").asText()).isEqualTo("Europe/Paris");

    assertError(book(host, TUESDAY_9), 409, "slot_unavailable");
    assertThat(HostApiTest.slotStarts(host, java.time.LocalDate.parse("2027-03-02"))).doesNotContain(TUESDAY_9);

    ApiResponse byHeader = api.getBooking(host.hostId(), id, bookingToken);
    assertThat(byHeader.status()).isEqualTo(200);
    assertThat(byHeader.json().has("bookingToken")).isFalse();
    ApiResponse byQuery = api.get("/api/v1/hosts/" + host.hostId() + "/bookings/" + id + "?token=" + bookingToken, null);
    assertThat(byQuery.status()).isEqualTo(200);
    assertThat(api.getBooking(host.hostId(), id, host.token()).status()).isEqualTo(200);
  }

  @Test
  void tokensReachOnlyWhatTheyOwn() {
    ApiFixture ann = publishedHost();
    ApiFixture bob = publishedHost();
    ApiResponse booked = book(ann, TUESDAY_9);
    String id = booked.json().get("id").asText();
    String bookingToken = booked.json().get("bookingToken").asText();

    assertError(api.getBooking(ann.hostId(), id, bob.token()), 403, "forbidden");
    assertError(api.getBooking(ann.hostId(), id, null), 401, "unauthorized");
    String tampered = bookingToken.substring(0, bookingToken.length() - 2) + "xx";
    assertError(api.getBooking(ann.hostId(), id, tampered), 401, "unauthorized");
    assertError(api.listBookings(ann.hostId(), bookingToken, null, null, null), 403, "forbidden");
    assertError(api.cancel(bob.hostId(), id, bookingToken, "x"), 403, "forbidden");
    String otherId = book(ann, TUESDAY_10).json().get("id").asText();
    assertError(api.getBooking(ann.hostId(), otherId, bookingToken), 403, "forbidden");
    assertError(api.getBooking(ann.hostId(), "b".repeat(20), ann.token()), 404, "not_found");
  }

  @Test
  void badBookingsAreRefused() {
    ApiFixture host = publishedHost();
    assertError(api.book(host.hostId(), null, Bodies.booking("nope", TUESDAY_9, "UTC"), null), 404, "not_found");
    assertError(api.book("a".repeat(20), null, Bodies.booking("intro", TUESDAY_9, "UTC"), null), 404, "not_found");
    assertError(book(host, "2027-02-26T14:00:00Z"), 400, "invalid_request");
    assertError(book(host, "2027-03-02T14:10:00Z"), 409, "slot_unavailable");
    assertError(book(host, "2027-03-02T14:00"), 400, "invalid_request");
    assertError(api.book(host.hostId(), null, Bodies.booking("intro", TUESDAY_9, "Moon/Base"), null), 400, "invalid_request");
    assertError(api.send("POST", "/api/v1/hosts/" + host.hostId() + "/bookings", null, "not json", Map.of()),
        400, "invalid_request");
    assertError(api.post("/api/v1/hosts/" + host.hostId() + "/bookings", null,
        Map.of("eventType", "intro", "start", TUESDAY_9), Map.of()), 400, "invalid_request");
    assertThat(api.listBookings(host.hostId(), host.token(), null, null, null).json().at("/bookings").size()).isZero();
  }

  @Test
  void aStartInsideTheMinimumNoticeIsNotOffered() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.weekdays(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", Map.of("title", "Intro", "durationMinutes", 60, "minimumNoticeMinutes", 120));
    // Now is 08:00 in New York: 09:00 is inside two hours' notice, 10:00 is not.
    assertError(book(host, "2027-03-01T14:00:00Z"), 409, "slot_unavailable");
    assertThat(book(host, "2027-03-01T15:00:00Z").status()).isEqualTo(201);
  }

  @Test
  void cancelFreesTheSlotAndIsSafeToRepeat() {
    ApiFixture host = publishedHost();
    ApiResponse booked = book(host, TUESDAY_9);
    String id = booked.json().get("id").asText();
    String bookingToken = booked.json().get("bookingToken").asText();

    ApiResponse cancelled = api.cancel(host.hostId(), id, bookingToken, "Something came up");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.json().get("cancelReason").asText()).isEqualTo("Something came up");
    assertThat(api.cancel(host.hostId(), id, host.token(), "again").json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(book(host, TUESDAY_9).status()).isEqualTo(201);
  }

  @Test
  void rescheduleIsAtomic() {
    ApiFixture host = publishedHost();
    ApiResponse first = book(host, TUESDAY_9);
    book(host, TUESDAY_10);
    String id = first.json().get("id").asText();
    String bookingToken = first.json().get("bookingToken").asText();

    assertError(api.reschedule(host.hostId(), id, bookingToken, Instant.parse(TUESDAY_10)), 409, "slot_unavailable");
    assertThat(api.getBooking(host.hostId(), id, host.token()).json().get("start").asText()).isEqualTo(TUESDAY_9);

    ApiResponse moved = api.reschedule(host.hostId(), id, bookingToken, Instant.parse(TUESDAY_11));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().get("start").asText()).isEqualTo(TUESDAY_11);
    assertThat(moved.json().get("end").asText()).isEqualTo("2027-03-02T17:00:00Z");
    assertThat(book(host, TUESDAY_9).status()).isEqualTo(201);
    assertError(api.post("/api/v1/hosts/" + host.hostId() + "/bookings/" + id + "/reschedule", host.token(),
        Map.of("start", "soon"), Map.of()), 400, "invalid_request");
  }

  @Test
  void anIdempotencyKeyReplaysTheFirstAnswerOrRefusesAnotherBody() {
    ApiFixture host = publishedHost();
    ApiResponse first = api.book(host.hostId(), null, Bodies.booking("intro", TUESDAY_9, "UTC"), "order-17");
    ApiResponse again = api.book(host.hostId(), null, Bodies.booking("intro", "2027-03-02T09:00:00-05:00", "UTC"), "order-17");
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(again.json().get("bookingToken")).isEqualTo(first.json().get("bookingToken"));
    assertError(api.book(host.hostId(), null, Bodies.booking("intro", TUESDAY_10, "UTC"), "order-17"),
        422, "idempotency_conflict");
    assertThat(api.listBookings(host.hostId(), host.token(), null, null, null).json().at("/bookings").size()).isEqualTo(1);
  }

  @Test
  void theHostListsBookingsByRangeAndStatus() {
    ApiFixture host = publishedHost();
    book(host, TUESDAY_9);
    String cancelled = book(host, "2027-03-03T14:00:00Z").json().get("id").asText();
    api.cancel(host.hostId(), cancelled, host.token(), null);

    var all = api.listBookings(host.hostId(), host.token(), null, null, null).json().get("bookings");
    assertThat(all).hasSize(2);
    var confirmed = api.listBookings(host.hostId(), host.token(), null, null, "CONFIRMED").json().get("bookings");
    assertThat(confirmed).hasSize(1);
    assertThat(confirmed.get(0).get("start").asText()).isEqualTo(TUESDAY_9);
    var wednesday = api.listBookings(host.hostId(), host.token(),
        Instant.parse("2027-03-03T00:00:00Z"), Instant.parse("2027-03-04T00:00:00Z"), null).json().get("bookings");
    assertThat(wednesday).hasSize(1);
    assertThat(wednesday.get(0).get("status").asText()).isEqualTo("CANCELLED");
    assertError(api.listBookings(host.hostId(), host.token(), null, null, "MAYBE"), 400, "invalid_request");
  }

  @Test
  void healthAndTheAdminViewOfTheCluster() {
    String hostToken = publishedHost().token();
    assertThat(api.get("/health/alive", null).status()).isEqualTo(200);
    assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
    ApiResponse cluster = api.get("/api/v1/admin/cluster", TestNodes.ADMIN_TOKEN);
    assertThat(cluster.status()).as(cluster.toString()).isEqualTo(200);
    assertThat(cluster.json().at("/members/0/status").asText()).isEqualTo("Up");
    java.util.Map<String, Integer> entitiesByType = new java.util.HashMap<>();
    cluster.json().get("shardRegions").forEach(region -> entitiesByType.merge(
        region.get("entityType").asText(), region.get("entities").asInt(), Integer::sum));
    assertThat(entitiesByType).containsKeys("HostCalendar", "CalendarConnection");
    assertThat(entitiesByType.get("HostCalendar")).isPositive();
    assertError(api.get("/api/v1/admin/cluster", null), 401, "unauthorized");
    assertError(api.get("/api/v1/admin/cluster", hostToken), 403, "forbidden");
    assertError(api.get("/api/v1/nothing-here", null), 404, "not_found");
  }

  private static ApiResponse book(ApiFixture host, String start) {
    return api.book(host.hostId(), null, Bodies.booking("intro", start, "Europe/Paris"), null);
  }
}
