package dev.scheduler.node.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRecorded;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.HostProfile;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A journal may hold events about a booking the live state no longer keeps (dropped when it
 * finished, possibly earlier on replay under smaller limits than when the event was written):
 * they change nothing instead of failing recovery.
 */
class HostCalendarEvolutionTest {
  private static final Instant AT = Instant.parse("2027-03-01T00:00:00Z");
  private static final HostCalendarState HOST = HostCalendarState.created(
      new HostProfile("host-1", "Ann", "a@b.c", ZoneId.of("UTC"), "f".repeat(64), AT));

  @Test
  void eventsAboutABookingNoLongerKeptChangeNothing() {
    assertThat(HostCalendarEvolution.evolve(HOST, new BookingCancelled("gone", "r", AT, null))).isEqualTo(HOST);
    assertThat(HostCalendarEvolution.evolve(HOST,
        new BookingRescheduled("gone", AT.plusSeconds(3600), AT.plusSeconds(7200), AT, null, 0, 0))).isEqualTo(HOST);
    assertThat(HostCalendarEvolution.evolve(HOST,
        new CalendarWriteRecorded("gone", 1, CalendarWriteStatus.WRITTEN, null, AT))).isEqualTo(HOST);
  }
}
