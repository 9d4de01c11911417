package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive reading of the availability rules: tries every minute of the window and
 * checks each rule by a linear scan. It shares no code with Availability, and resolves local times
 * with ZoneRules directly (gap: later by the gap; overlap: earlier offset) rather than through
 * ZonedDateTime, so that it also checks that ZonedDateTime does what the rules say. A booking
 * window's date range is read as a set of local dates (the date of each start), where Availability
 * computes the instants its first and last days begin and end; the two agree wherever the local
 * date never steps back across a midnight, which holds for every zone the scenarios use.
 */
final class AvailabilityOracle {
  private final AvailabilityScenario scenario;
  private final List<Interval> ranges;

  private AvailabilityOracle(AvailabilityScenario scenario) {
    this.scenario = scenario;
    this.ranges = realRangesAround(scenario);
  }

  /** Starts of the offered slots of the scenario, minute by minute. */
  static List<Instant> offeredStarts(AvailabilityScenario scenario) {
    AvailabilityOracle oracle = new AvailabilityOracle(scenario);
    List<Instant> starts = new ArrayList<>();
    Instant minute = scenario.from().truncatedTo(ChronoUnit.MINUTES);
    if (minute.isBefore(scenario.from())) {
      minute = minute.plusSeconds(60);
    }
    for (; minute.isBefore(scenario.to()); minute = minute.plusSeconds(60)) {
      if (oracle.offers(minute)) {
        starts.add(minute);
      }
    }
    return starts;
  }

  private boolean offers(Instant t) {
    return insideSomeRange(t) && respectsNotice(t) && insideBookingWindow(t) && !blocked(t)
        && underDailyCap(t);
  }

  private boolean insideSomeRange(Instant t) {
    long duration = scenario.type().durationMinutes();
    long interval = scenario.type().slotIntervalMinutes();
    for (Interval range : ranges) {
      long minutesIn = Duration.between(range.start(), t).toMinutes();
      boolean onStep = !t.isBefore(range.start()) && minutesIn % interval == 0;
      if (onStep && !t.plusSeconds(duration * 60).isAfter(range.end())) {
        return true;
      }
    }
    return false;
  }

  private boolean respectsNotice(Instant t) {
    return !t.isBefore(scenario.now().plusSeconds(scenario.type().minimumNoticeMinutes() * 60L));
  }

  /** A date range is read as dates only: the local date of t, not any instant a day starts at. */
  private boolean insideBookingWindow(Instant t) {
    BookingWindow window = scenario.type().bookingWindow();
    return switch (window.kind()) {
      case ROLLING -> t.isBefore(scenario.now().plusSeconds(window.days() * 86_400L));
      case INDEFINITE -> true;
      case DATE_RANGE -> {
        LocalDate date = t.atZone(scenario.schedule().timeZone()).toLocalDate();
        yield !date.isBefore(window.firstDate()) && !date.isAfter(window.lastDate());
      }
    };
  }

  private boolean blocked(Instant t) {
    Instant spanStart = t.minusSeconds(scenario.type().bufferBeforeMinutes() * 60L);
    Instant spanEnd = t.plusSeconds(
        (scenario.type().durationMinutes() + scenario.type().bufferAfterMinutes()) * 60L);
    for (Interval busy : scenario.busy()) {
      if (busy.start().isBefore(spanEnd) && spanStart.isBefore(busy.end())) {
        return true;
      }
    }
    for (Booking booking : scenario.bookings()) {
      Instant blockedStart = booking.start().minusSeconds(booking.bufferBeforeMinutes() * 60L);
      Instant blockedEnd = booking.end().plusSeconds(booking.bufferAfterMinutes() * 60L);
      boolean confirmed = booking.status() == BookingStatus.CONFIRMED;
      if (confirmed && blockedStart.isBefore(spanEnd) && spanStart.isBefore(blockedEnd)) {
        return true;
      }
    }
    return false;
  }

  private boolean underDailyCap(Instant t) {
    Integer max = scenario.type().maxBookingsPerDay();
    if (max == null) {
      return true;
    }
    LocalDate day = t.atZone(scenario.schedule().timeZone()).toLocalDate();
    int sameDay = 0;
    for (Booking booking : scenario.bookings()) {
      boolean counts = booking.status() == BookingStatus.CONFIRMED
          && booking.eventType().equals(scenario.type().slug())
          && booking.start().atZone(scenario.schedule().timeZone()).toLocalDate().equals(day);
      sameDay += counts ? 1 : 0;
    }
    return sameDay < max;
  }

  /** Every range of every local date that could matter, with two dates of margin each side. */
  private static List<Interval> realRangesAround(AvailabilityScenario scenario) {
    ZoneId zone = scenario.schedule().timeZone();
    ZoneRules rules = zone.getRules();
    LocalDate first = scenario.from().atZone(zone).toLocalDate().minusDays(2);
    LocalDate last = scenario.to().atZone(zone).toLocalDate().plusDays(2);
    List<Interval> ranges = new ArrayList<>();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      for (WallClockRange range : scenario.schedule().rangesOn(date)) {
        Instant start = resolve(date.atStartOfDay().plusMinutes(range.startMinute()), rules);
        Instant end = resolve(date.atStartOfDay().plusMinutes(range.endMinute()), rules);
        if (start.isBefore(end)) {
          ranges.add(new Interval(start, end));
        }
      }
    }
    return ranges;
  }

  /** Gap: the local time moves later by the gap's length. Overlap: the earlier instant. */
  static Instant resolve(LocalDateTime local, ZoneRules rules) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
    }
    Instant earliest = local.toInstant(offsets.get(0));
    for (ZoneOffset offset : offsets) {
      Instant candidate = local.toInstant(offset);
      earliest = candidate.isBefore(earliest) ? candidate : earliest;
    }
    return earliest;
  }
}
