package dev.scheduler.node.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node books, reschedules and cancels over HTTP; the read side's bookings table follows: each
 * booking once, its times in UTC, its invitee, its status and a revision that rose by one per
 * change, and every tagged event applied exactly once.
 */
class BookingsReadModelTest {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));

  @TempDir Path dataDir;

  @Test
  void bookingsRescheduledAndCancelledOverHttpReachTheReadModel() {
    try (SchedulerNode node = TestNodes.embedded(dataDir, clock)) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = ApiFixture.newHost(api, "America/New_York")
          .schedule(Bodies.weekdays("America/New_York", "09:00", "17:00"))
          .eventType("intro", Bodies.eventType(30));
      String kept = book(api, host, "2027-03-02T14:00:00Z", "Europe/Paris");
      String moved = book(api, host, "2027-03-02T15:00:00Z", "Asia/Tokyo");
      String cancelled = book(api, host, "2027-03-02T16:00:00Z", "UTC");
      expect(api.reschedule(host.hostId(), moved, host.token(), Instant.parse("2027-03-03T14:00:00Z")), 200);
      expect(api.reschedule(host.hostId(), moved, host.token(), Instant.parse("2027-03-04T18:30:00Z")), 200);
      expect(api.cancel(host.hostId(), cancelled, host.token(), "Double-booked elsewhere"), 200);

      ReadSideTables tables = tablesOf(node);
      ReadSideTables.Snapshot seen = tables.await(s -> s.bookings().size() == 3 && s.caughtUp()
          && s.bookings().get(cancelled).status().equals("CANCELLED"), CATCH_UP, "three bookings, all events applied");

      assertThat(seen.bookings().get(kept)).isEqualTo(new ReadSideTables.Row(host.hostId(), kept, "intro",
          Instant.parse("2027-03-02T14:00:00Z"), Instant.parse("2027-03-02T14:30:00Z"), "Bo Invitee",
          "bo@example.com", "Europe/Paris", "CONFIRMED", null, 0));
      assertThat(seen.bookings().get(moved)).isEqualTo(new ReadSideTables.Row(host.hostId(), moved, "intro",
          Instant.parse("2027-03-04T18:30:00Z"), Instant.parse("2027-03-04T19:00:00Z"), "Bo Invitee",
          "bo@example.com", "Asia/Tokyo", "CONFIRMED", null, 2));
      assertThat(seen.bookings().get(cancelled)).isEqualTo(new ReadSideTables.Row(host.hostId(), cancelled, "intro",
          Instant.parse("2027-03-02T16:00:00Z"), Instant.parse("2027-03-02T16:30:00Z"), "Bo Invitee",
          "bo@example.com", "UTC", "CANCELLED", "Double-booked elsewhere", 1));
      // Host created, schedule, event type, three bookings, two reschedules, one cancel: all tagged.
      assertThat(seen.taggedEvents()).isEqualTo(9);
      assertThat(seen.storedOffsets()).as("an offset stored for the host's tag").isGreaterThanOrEqualTo(1);
    }
  }

  private static String book(SchedulerApiClient api, ApiFixture host, String start, String inviteeZone) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, inviteeZone), null);
    expect(booked, 201);
    return booked.json().get("id").asText();
  }

  private static void expect(ApiResponse response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
  }

  static ReadSideTables tablesOf(SchedulerNode node) {
    DatabaseSettings db = node.settings().database();
    return new ReadSideTables(db.url(), db.user(), db.password());
  }

}
