package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reschedule through real HTTP is checked like a new booking at the new time, except that the
 * booking's own old time neither blocks the move nor counts towards its day's limit. Every refusal
 * leaves the booking where it was. Now is Monday 2027-03-01 08:00 in New York (UTC-5).
 */
class RescheduleApiTest extends NodeApiTestBase {
  static final String MONDAY_9 = "2027-03-01T14:00:00Z";
  static final String MONDAY_10 = "2027-03-01T15:00:00Z";
  static final String TUESDAY_9 = "2027-03-02T14:00:00Z";
  static final String TUESDAY_10 = "2027-03-02T15:00:00Z";
  static final String WEDNESDAY_9 = "2027-03-03T14:00:00Z";

  @Test
  void aMoveIntoTheMinimumNoticeIsRefused() {
    ApiFixture host = host(Map.of("minimumNoticeMinutes", 120));
    Booked booked = book(host, TUESDAY_9);

    // Monday 09:00 is one hour away, inside two hours' notice; 10:00 is exactly two hours away.
    assertError(booked.moveTo(MONDAY_9), 409, "slot_unavailable");
    assertError(booked.moveTo(MONDAY_9, host.token()), 409, "slot_unavailable");
    assertThat(booked.start()).isEqualTo(TUESDAY_9);
    assertMoved(booked.moveTo(MONDAY_10), MONDAY_10);
  }

  @Test
  void aMoveIntoThePastIsRefused() {
    ApiFixture host = host(Map.of());
    Booked booked = book(host, TUESDAY_9);

    assertError(booked.moveTo("2027-02-26T14:00:00Z"), 400, "invalid_request");
    assertThat(booked.start()).isEqualTo(TUESDAY_9);
  }

  @Test
  void aMoveBeyondTheBookingWindowIsRefused() {
    ApiFixture host = host(Map.of("bookingWindowDays", 7));
    Booked booked = book(host, TUESDAY_9);

    // The window ends seven days from now, at 08:00 on Monday 2027-03-08.
    assertError(booked.moveTo("2027-03-08T14:00:00Z"), 409, "slot_unavailable");
    assertThat(booked.start()).isEqualTo(TUESDAY_9);
    assertMoved(booked.moveTo("2027-03-07T21:00:00Z"), "2027-03-07T21:00:00Z"); // Sunday 16:00
  }

  @Test
  void aMoveOffTheScheduleIsRefused() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.weekdays(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", eventType(Map.of("slotIntervalMinutes", 30)));
    Booked booked = book(host, TUESDAY_9);

    assertError(booked.moveTo("2027-03-06T15:00:00Z"), 409, "slot_unavailable"); // a Saturday
    assertError(booked.moveTo("2027-03-02T13:00:00Z"), 409, "slot_unavailable"); // 08:00
    assertError(booked.moveTo("2027-03-02T21:30:00Z"), 409, "slot_unavailable"); // 16:30, ends after 17:00
    assertError(booked.moveTo("2027-03-02T15:10:00Z"), 409, "slot_unavailable"); // off the half-hour grid
    assertThat(booked.start()).isEqualTo(TUESDAY_9);
    assertMoved(booked.moveTo("2027-03-02T21:00:00Z"), "2027-03-02T21:00:00Z");
  }

  @Test
  void aMoveOntoBusyTimeIsRefused() {
    ApiFixture host = host(Map.of());
    Booked booked = book(host, TUESDAY_9);
    ApiResponse busy = api.put("/api/v1/hosts/" + host.hostId() + "/busy/work", host.token(), Map.of("intervals",
        List.of(Map.of("start", "2027-03-02T11:30:00-05:00", "end", "2027-03-02T12:00:00-05:00"))));
    assertThat(busy.status()).as(busy.toString()).isEqualTo(200);

    assertError(booked.moveTo("2027-03-02T16:00:00Z"), 409, "slot_unavailable");
    assertThat(booked.start()).isEqualTo(TUESDAY_9);
    assertMoved(booked.moveTo("2027-03-02T17:00:00Z"), "2027-03-02T17:00:00Z");
  }

  @Test
  void aMoveMustClearOtherBookingsWithTheEventTypesBuffers() {
    ApiFixture host = host(Map.of("slotIntervalMinutes", 30, "bufferAfterMinutes", 30));
    Booked moving = book(host, TUESDAY_9);
    book(host, "2027-03-02T18:00:00Z"); // 13:00-14:00, keeping 14:00-14:30 free

    assertError(moving.moveTo("2027-03-02T17:00:00Z"), 409, "slot_unavailable"); // 12:00, its buffer to 13:30
    assertError(moving.moveTo("2027-03-02T19:00:00Z"), 409, "slot_unavailable"); // 14:00, in the other's buffer
    assertThat(moving.start()).isEqualTo(TUESDAY_9);
    assertMoved(moving.moveTo("2027-03-02T16:30:00Z"), "2027-03-02T16:30:00Z");
    assertMoved(moving.moveTo("2027-03-02T19:30:00Z"), "2027-03-02T19:30:00Z");
  }

  @Test
  void aBookingMovesWithinItsOwnOldTimeAndBuffers() {
    ApiFixture host = host(Map.of("slotIntervalMinutes", 15, "bufferBeforeMinutes", 15, "bufferAfterMinutes", 15));
    Booked moving = book(host, TUESDAY_10);
    book(host, "2027-03-02T17:00:00Z"); // 12:00-13:00, keeping 11:45-13:15 free

    assertMoved(moving.moveTo("2027-03-02T15:15:00Z"), "2027-03-02T15:15:00Z");
    assertMoved(moving.moveTo("2027-03-02T15:00:00Z"), "2027-03-02T15:00:00Z");
    assertMoved(moving.moveTo("2027-03-02T14:45:00Z"), "2027-03-02T14:45:00Z");
    // Other bookings still block: 10:45-11:45 with its buffer to 12:00 reaches into 11:45-13:15.
    assertError(moving.moveTo("2027-03-02T15:45:00Z"), 409, "slot_unavailable");
    assertThat(moving.start()).isEqualTo("2027-03-02T14:45:00Z");
  }

  @Test
  void theBookingsOwnDayDoesNotCountAgainstTheDailyLimitButAFullDayDoes() {
    ApiFixture host = host(Map.of("maxBookingsPerDay", 1));
    Booked tuesday = book(host, TUESDAY_9);
    book(host, WEDNESDAY_9);

    assertMoved(tuesday.moveTo("2027-03-02T19:00:00Z"), "2027-03-02T19:00:00Z");
    assertError(tuesday.moveTo("2027-03-03T19:00:00Z"), 409, "slot_unavailable");
    assertThat(tuesday.start()).isEqualTo("2027-03-02T19:00:00Z");
    assertMoved(tuesday.moveTo("2027-03-04T19:00:00Z"), "2027-03-04T19:00:00Z");
    book(host, TUESDAY_10); // Tuesday is free again
  }

  /** Before, a moved booking kept the buffers it was booked with and was checked with the current ones. */
  @Test
  void aMovedBookingTakesTheEventTypesCurrentBuffers() {
    ApiFixture host = host(Map.of("bufferAfterMinutes", 30));
    Booked moving = book(host, TUESDAY_9);
    Booked eleven = book(host, "2027-03-02T16:00:00Z");
    host.eventType("intro", eventType(Map.of()));

    assertMoved(moving.moveTo(TUESDAY_10), TUESDAY_10);
    assertThat(api.cancel(host.hostId(), eleven.id(), eleven.token(), null).status()).isEqualTo(200);
    // With its old 30 minutes after, the booking at 10:00 would keep 11:00-11:30 free.
    book(host, "2027-03-02T16:00:00Z");
  }

  @Test
  void aMoveMustClearBuffersTheEventTypeGainedAfterTheBooking() {
    ApiFixture host = host(Map.of("slotIntervalMinutes", 30));
    Booked moving = book(host, TUESDAY_9);
    book(host, "2027-03-02T17:00:00Z"); // 12:00-13:00
    host.eventType("intro", eventType(Map.of("slotIntervalMinutes", 30, "bufferAfterMinutes", 30)));

    assertError(moving.moveTo("2027-03-02T16:00:00Z"), 409, "slot_unavailable"); // 11:00-12:00, buffer to 12:30
    assertMoved(moving.moveTo("2027-03-02T15:30:00Z"), "2027-03-02T15:30:00Z");
  }

  /** A New York host available every day 09:00-17:00 with a 60-minute "intro" plus {@code settings}. */
  private static ApiFixture host(Map<String, Object> settings) {
    return ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.everyDay(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", eventType(settings));
  }

  private static Map<String, Object> eventType(Map<String, Object> settings) {
    Map<String, Object> body = new HashMap<>(Bodies.eventType(60));
    body.putAll(settings);
    return body;
  }

  /** Books {@code start} as an invitee; fails the test unless it is booked. */
  private static Booked book(ApiFixture host, String start) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, "Europe/Paris"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return new Booked(host, booked.json().get("id").asText(), booked.json().get("bookingToken").asText());
  }

  private static void assertMoved(ApiResponse response, String start) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("start").asText()).isEqualTo(start);
  }

  /** A booking made through the API, moved with its booking token unless a token is given. */
  record Booked(ApiFixture host, String id, String token) {
    ApiResponse moveTo(String start) {
      return moveTo(start, token);
    }

    ApiResponse moveTo(String start, String as) {
      return api.reschedule(host.hostId(), id, as, Instant.parse(start));
    }

    String start() {
      return api.getBooking(host.hostId(), id, host.token()).json().get("start").asText();
    }
  }
}
