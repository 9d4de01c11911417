package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.BookingWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The span of real time in which an event type's booking window lets slots start, at a given
 * "now": {@code [firstStart, end)}. A date range covers whole local days of the schedule's zone,
 * from the first moment of its first date to the first moment of the day after its last, so a
 * day that DST makes 23 or 25 hours long counts in full.
 */
final class BookingWindows {
  /**
   * No slot starts later than this, even in an indefinite window: far beyond it the calendar
   * arithmetic of the dates around a start would overflow.
   */
  static final Instant LATEST_START =
      BookingWindow.LATEST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private BookingWindows() {}

  static Instant firstStart(BookingWindow window, ZoneId zone) {
    return window.kind() == BookingWindow.Kind.DATE_RANGE ? startOf(window.firstDate(), zone) : Instant.MIN;
  }

  static Instant end(BookingWindow window, ZoneId zone, Instant now) {
    Instant end = switch (window.kind()) {
      case ROLLING -> now.plus(Duration.ofDays(window.days()));
      case INDEFINITE -> LATEST_START;
      case DATE_RANGE -> startOf(window.lastDate().plusDays(1), zone);
    };
    return end.isBefore(LATEST_START) ? end : LATEST_START;
  }

  /** The first moment of a local date: midnight, or the end of a DST gap that swallows midnight. */
  private static Instant startOf(LocalDate date, ZoneId zone) {
    return date.atStartOfDay(zone).toInstant();
  }
}
