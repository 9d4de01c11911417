package dev.scheduler.node.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.testkit.FullHost;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.calendar.HostCalendarReplies.SlotList;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.NewBooking;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.model.Invitee;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * How long the heaviest commands hold a host's entity when the host is full to the default limits
 * (60,000 busy intervals, 2,500 bookings, 50 event types; one-minute slots all day): a 62-day
 * listing, a booking's check, and applying its event. The bounds asserted are generous (a loaded
 * two-core machine); the figures printed go into docs/security.md.
 */
class FullHostWorkTest {
  private static final HostCalendarState FULL = FullHost.state(HostLimits.DEFAULTS, false);
  private static final LocalDate FIRST = LocalDate.of(2027, 3, 2);

  @Test
  void aSixtyTwoDayListingOfOneMinuteSlotsTakesLessThanTheAskTimeout() {
    Duration took = slowestOf(() -> CalendarRules.slots(
        FULL, FullHost.EVENT_TYPE, FIRST, FIRST.plusDays(61), null, FullHost.NOW));
    SlotList slots = ((Decision.Answer<SlotList>) CalendarRules.slots(
        FULL, FullHost.EVENT_TYPE, FIRST, FIRST.plusDays(61), null, FullHost.NOW)).reply();
    System.out.printf("Full host: a 62-day listing of %d slots took %d ms at most%n",
        slots.slots().size(), took.toMillis());
    assertThat(slots.slots()).hasSizeGreaterThan(20_000);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aBookingsCheckAndItsEventTakeMilliseconds() {
    NewBooking request = new NewBooking("last", FullHost.EVENT_TYPE, Instant.parse("2027-03-02T00:06:00Z"),
        new Invitee("Bo", "bo@example.com", FullHost.UTC), null, "key-last", "fp");
    Duration decided = slowestOf(() -> BookingRules.book(FULL, request, null, FullHost.NOW, HostLimits.DEFAULTS));
    Decision<BookingResult> decision = BookingRules.book(FULL, request, null, FullHost.NOW, HostLimits.DEFAULTS);
    assertThat(decision).isInstanceOf(Decision.Persist.class);
    BookingConfirmed event = (BookingConfirmed) ((Decision.Persist<BookingResult>) decision).events().get(0);
    Duration applied = slowestOf(() -> HostCalendarEvolution.evolve(FULL, event, HostLimits.DEFAULTS));
    System.out.printf("Full host: a booking's check took %d ms at most, applying its event %d ms%n",
        decided.toMillis(), applied.toMillis());
    assertThat(decided).isLessThan(Duration.ofSeconds(1));
    assertThat(applied).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void theTwoThousandthActiveBookingIsTheLast() {
    NewBooking last = new NewBooking("last", FullHost.EVENT_TYPE, Instant.parse("2027-03-02T00:06:00Z"),
        new Invitee("Bo", "bo@example.com", FullHost.UTC), null, null, "fp");
    Decision.Persist<BookingResult> booked =
        (Decision.Persist<BookingResult>) BookingRules.book(FULL, last, null, FullHost.NOW, HostLimits.DEFAULTS);
    HostCalendarState full = HostCalendarEvolution.evolve(FULL, booked.events().get(0), HostLimits.DEFAULTS);

    NewBooking another = new NewBooking("another", FullHost.EVENT_TYPE, Instant.parse("2027-03-03T00:06:00Z"),
        new Invitee("Bo", "bo@example.com", FullHost.UTC), null, null, "fp");
    Decision<BookingResult> refused = BookingRules.book(full, another, null, FullHost.NOW, HostLimits.DEFAULTS);
    assertThat(refused).isInstanceOfSatisfying(Decision.Reject.class,
        reject -> assertThat(reject.rejection().code()).isEqualTo(RejectionCode.LIMIT_EXCEEDED));
  }

  // The slowest of five runs after two to warm up.
  private static Duration slowestOf(Supplier<?> work) {
    for (int i = 0; i < 2; i++) {
      work.get();
    }
    long slowest = 0;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      work.get();
      slowest = Math.max(slowest, System.nanoTime() - start);
    }
    return Duration.ofNanos(slowest);
  }
}
