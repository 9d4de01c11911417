package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An invitee's booking token works until 30 days (the default) after the booking's current end,
 * then answers 401; the host still reads the booking. Tokens carry no date: the host's entity
 * takes the booking's end, so a reschedule moves the expiry and tokens handed out before this
 * rule end the same way.
 */
class BookingTokenExpiryApiTest extends NodeApiTestBase {
  private static final Instant START = Instant.parse("2027-03-02T14:00:00Z");
  private static final Instant END = START.plus(Duration.ofHours(1));

  @Test
  void aBookingTokenEndsThirtyDaysAfterTheMeeting() {
    ApiFixture host = publishedHost();
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", START, "UTC"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String bookingId = booked.json().get("id").asText();
    String bookingToken = booked.json().get("bookingToken").asText();

    clock.set(END.plus(Duration.ofDays(30)));
    assertThat(api.getBooking(host.hostId(), bookingId, bookingToken).status()).isEqualTo(200);

    clock.set(END.plus(Duration.ofDays(30)).plusSeconds(1));
    assertError(api.getBooking(host.hostId(), bookingId, bookingToken), 401, "unauthorized");
    assertError(api.cancel(host.hostId(), bookingId, bookingToken, "late"), 401, "unauthorized");
    assertThat(api.getBooking(host.hostId(), bookingId, host.token()).status()).isEqualTo(200);
  }

  @Test
  void aRescheduleMovesTheExpiryWithTheMeeting() {
    ApiFixture host = publishedHost();
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", START, "UTC"), null);
    String bookingId = booked.json().get("id").asText();
    String bookingToken = booked.json().get("bookingToken").asText();
    Instant tenDaysLater = START.plus(Duration.ofDays(10));
    assertThat(api.reschedule(host.hostId(), bookingId, host.token(), tenDaysLater).status()).isEqualTo(200);

    clock.set(END.plus(Duration.ofDays(31)));
    assertThat(api.getBooking(host.hostId(), bookingId, bookingToken).status()).isEqualTo(200);
    clock.set(END.plus(Duration.ofDays(41)));
    assertError(api.getBooking(host.hostId(), bookingId, bookingToken), 401, "unauthorized");
  }
}
