package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How late an invitee may cancel or reschedule with the booking token, through real HTTP: until the
 * event type's {@code inviteeChangeCutoffMinutes} before the booking's current start (by default
 * until it starts). The host's token may always. Now is Monday 2027-03-01 08:00 in New York (UTC-5).
 */
class InviteeChangeCutoffApiTest extends NodeApiTestBase {
  static final String TUESDAY_9 = "2027-03-02T14:00:00Z";
  static final String WEDNESDAY_9 = "2027-03-03T14:00:00Z";
  /** 24 hours before Tuesday 09:00. */
  static final Instant CUTOFF = Instant.parse("2027-03-01T14:00:00Z");

  @Test
  void insideTheCutoffTheInviteeIsRefusedAndNothingChanges() {
    ApiFixture host = host(1440);
    Booked booked = book(host, TUESDAY_9);
    clock.set(CUTOFF.plusSeconds(1));

    assertError(api.cancel(host.hostId(), booked.id(), booked.token(), "late"), 409, "change_too_late");
    assertError(api.reschedule(host.hostId(), booked.id(), booked.token(), Instant.parse(WEDNESDAY_9)),
        409, "change_too_late");
    ApiResponse unchanged = api.getBooking(host.hostId(), booked.id(), host.token());
    assertThat(unchanged.json().get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(unchanged.json().get("start").asText()).isEqualTo(TUESDAY_9);
    assertThat(unchanged.json().has("cancelReason")).isFalse();
  }

  @Test
  void atTheCutoffItselfTheInviteeMayStillCancelOrReschedule() {
    ApiFixture host = host(1440);
    Booked moving = book(host, TUESDAY_9);
    Booked cancelling = book(host, "2027-03-02T15:00:00Z");
    clock.set(CUTOFF);

    ApiResponse moved = api.reschedule(host.hostId(), moving.id(), moving.token(), Instant.parse(WEDNESDAY_9));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    clock.set(CUTOFF.plusSeconds(3600));
    ApiResponse cancelled = api.cancel(host.hostId(), cancelling.id(), cancelling.token(), "in time");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void theHostMayAlwaysCancelOrReschedule() {
    ApiFixture host = host(1440);
    Booked moving = book(host, TUESDAY_9);
    Booked cancelling = book(host, "2027-03-02T15:00:00Z");
    clock.set(CUTOFF.plusSeconds(7200)); // inside the cutoff of both
    assertError(api.cancel(host.hostId(), cancelling.id(), cancelling.token(), null), 409, "change_too_late");

    ApiResponse moved = api.reschedule(host.hostId(), moving.id(), host.token(), Instant.parse("2027-03-02T16:00:00Z"));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().get("start").asText()).isEqualTo("2027-03-02T16:00:00Z");
    ApiResponse cancelled = api.cancel(host.hostId(), cancelling.id(), host.token(), "host's call");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void theCutoffIsMeasuredFromTheBookingsCurrentStart() {
    ApiFixture host = host(1440);
    Booked booked = book(host, WEDNESDAY_9);
    // Moved (in time) to Tuesday 09:00, whose cutoff is Monday 09:00: an hour from now.
    ApiResponse moved = api.reschedule(host.hostId(), booked.id(), booked.token(), Instant.parse(TUESDAY_9));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    clock.set(CUTOFF.plusSeconds(60));

    assertError(api.reschedule(host.hostId(), booked.id(), booked.token(), Instant.parse(WEDNESDAY_9)),
        409, "change_too_late");
    assertError(api.cancel(host.hostId(), booked.id(), booked.token(), null), 409, "change_too_late");
  }

  @Test
  void cancellingACancelledBookingAgainIsNoErrorEvenInsideTheCutoff() {
    ApiFixture host = host(1440);
    Booked booked = book(host, TUESDAY_9);
    assertThat(api.cancel(host.hostId(), booked.id(), booked.token(), "first").status()).isEqualTo(200);
    clock.set(CUTOFF.plusSeconds(3600));

    ApiResponse again = api.cancel(host.hostId(), booked.id(), booked.token(), "second");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(again.json().get("cancelReason").asText()).isEqualTo("first");
  }

  @Test
  void withoutACutoffTheInviteeMayChangeABookingUntilItStarts() {
    ApiFixture host = ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.everyDay(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(60));
    Booked atTen = book(host, "2027-03-01T15:00:00Z");
    Booked atEleven = book(host, "2027-03-01T16:00:00Z");
    clock.set(Instant.parse("2027-03-01T15:00:00Z"));

    assertThat(api.cancel(host.hostId(), atTen.id(), atTen.token(), null).status()).isEqualTo(200);
    clock.set(Instant.parse("2027-03-01T16:00:01Z"));
    assertError(api.cancel(host.hostId(), atEleven.id(), atEleven.token(), null), 409, "change_too_late");
    assertThat(api.cancel(host.hostId(), atEleven.id(), host.token(), null).status()).isEqualTo(200);
  }

  /** A New York host available every day 09:00-17:00 with a 60-minute "intro" and this cutoff. */
  private static ApiFixture host(int cutoffMinutes) {
    return ApiFixture.newHost(api, NEW_YORK)
        .schedule(Bodies.everyDay(NEW_YORK, "09:00", "17:00"))
        .eventType("intro", Map.of("title", "Intro", "durationMinutes", 60,
            "inviteeChangeCutoffMinutes", cutoffMinutes));
  }

  private static Booked book(ApiFixture host, String start) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, "Europe/Paris"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return new Booked(booked.json().get("id").asText(), booked.json().get("bookingToken").asText());
  }

  record Booked(String id, String token) {}
}
