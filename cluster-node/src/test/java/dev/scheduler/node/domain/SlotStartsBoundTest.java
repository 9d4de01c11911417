package dev.scheduler.node.domain;

import static dev.scheduler.node.domain.Fixtures.UTC;
import static dev.scheduler.node.domain.Fixtures.at;
import static dev.scheduler.node.domain.Fixtures.everyDay;
import static dev.scheduler.node.domain.Fixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.model.BookingWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableSet;
import org.junit.jupiter.api.Test;

/**
 * One call computes a bounded number of starts whatever window it is given: a year of one-minute
 * starts (525,600) is cut at the first {@link SlotStarts#MAX_DATES} dates. Listings and bookings
 * never ask for that much; this is the bound that holds if a caller ever does.
 */
class SlotStartsBoundTest {

  @Test
  void aYearOfOneMinuteStartsIsCutAtTheBoundOfDates() {
    Instant from = at("2027-01-01T00:00:00Z");
    long started = System.nanoTime();
    NavigableSet<Instant> starts = SlotStarts.between(everyDay(UTC, range("00:00", "24:00")),
        EventTypeBuilder.minutes(1).window(BookingWindow.indefinite()).build(), from, from.plus(Duration.ofDays(365)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(starts).hasSizeLessThanOrEqualTo(SlotStarts.MAX_STARTS);
    assertThat(starts.last()).isBefore(from.plus(Duration.ofDays(SlotStarts.MAX_DATES)));
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }
}
