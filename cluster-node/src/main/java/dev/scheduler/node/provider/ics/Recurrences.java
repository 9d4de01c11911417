package dev.scheduler.node.provider.ics;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.zone.ZoneRules;
import java.util.List;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Expands an RRULE with ical4j's {@link Recur} on wall-clock times, so instances keep their local
 * time across DST changes; the caller turns each into an instant in the series' zone. Bounded
 * whatever the rule: more often than hourly is refused by its effective frequency (after BYxxx),
 * ical4j stops after {@code maxInstances + 1} results, and a series that began long ago is
 * expanded from near the window, not from its DTSTART.
 */
final class Recurrences {
  /** COUNT is counted from DTSTART, so ical4j walks up to COUNT periods; beyond this it is refused. */
  static final int MAX_COUNT = 100_000;

  private Recurrences() {}

  /**
   * The instance starts of {@code rrule} from {@code seed} (DTSTART) that fall in [{@code from},
   * {@code to}], both wall-clock times in the series' zone. COUNT is still counted from the seed.
   */
  static List<LocalDateTime> starts(String rrule, LocalDateTime seed, ZoneRules zone, LocalDateTime from,
      LocalDateTime to, int maxInstances) {
    Recur<Temporal> recur;
    try {
      recur = new Recur<>(rrule, true);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException(
          "\"" + rrule + "\" is not an iCalendar recurrence rule", e);
    }
    if (moreOftenThanHourly(recur)) {
      // No calendar app offers these. FREQ alone is not enough: DAILY with BYHOUR, BYMINUTE and
      // BYSECOND lists expands to 86,400 instances a day (a 480-byte feed that once filled the heap).
      throw new IllegalArgumentException(
          "\"" + rrule + "\" repeats more often than hourly, which is not supported");
    }
    if (recur.getCount() > MAX_COUNT) {
      throw new IllegalArgumentException("\"" + rrule + "\" has a COUNT over " + MAX_COUNT + ", which is not supported");
    }
    Temporal until = recur.getUntil();
    if (until != null) {
      recur = new Recur.Builder<>(recur).until(localUntil(until, zone)).build();
    }
    List<Temporal> dates = recur.getDates(nearWindow(recur, seed, from), from, to, maxInstances + 1);
    if (dates.size() > maxInstances) {
      throw new FeedLimitExceeded("An event of the feed (\"" + rrule + "\") repeats more than " + maxInstances
          + " times in the synced window, which is more than we read from one event.");
    }
    return dates.stream().map(LocalDateTime::from).toList();
  }

  /**
   * More than one instance in some hour: a sub-hourly FREQ, or several BYMINUTE or BYSECOND values
   * (one BYMINUTE and one BYSECOND value leave at most one instance per hour whatever else the
   * rule says, since every other part selects whole hours, days, weeks, months or years).
   */
  static boolean moreOftenThanHourly(Recur<?> recur) {
    Frequency frequency = recur.getFrequency();
    return frequency == Frequency.SECONDLY || frequency == Frequency.MINUTELY
        || recur.getMinuteList().size() > 1 || recur.getSecondList().size() > 1;
  }

  /**
   * ical4j walks every period from the seed, so an HOURLY series since 1990 costs 300,000 steps per
   * read. Without COUNT the instances do not depend on where the walk starts, as long as it starts
   * on one of the series' own periods: move the seed forward by whole intervals (exact in
   * wall-clock time for hours, days and weeks) to one period before the window. With COUNT, or
   * for months and years (few steps anyway, and day-of-month clamping would move instances), the
   * seed stays.
   */
  static LocalDateTime nearWindow(Recur<?> recur, LocalDateTime seed, LocalDateTime from) {
    ChronoUnit unit = switch (recur.getFrequency()) {
      case HOURLY -> ChronoUnit.HOURS;
      case DAILY -> ChronoUnit.DAYS;
      case WEEKLY -> ChronoUnit.WEEKS;
      default -> null;
    };
    if (unit == null || recur.getCount() > 0 || !seed.isBefore(from)) {
      return seed;
    }
    long interval = Math.max(1, recur.getInterval());
    long periods = unit.between(seed, from) / interval - 1;
    return periods > 0 ? seed.plus(periods * interval, unit) : seed;
  }

  // UNTIL is in UTC when DTSTART has a zone (RFC 5545 §3.3.10); ical4j would compare it with our
  // wall-clock instances through the JVM default zone, so convert it into the series' zone first.
  private static LocalDateTime localUntil(Temporal until, ZoneRules zone) {
    if (until instanceof LocalDate date) {
      return date.atTime(LocalTime.of(23, 59, 59)); // a DATE UNTIL includes that whole day
    }
    if (until.isSupported(ChronoField.INSTANT_SECONDS)) {
      Instant instant = Instant.from(until);
      return LocalDateTime.ofInstant(instant, zone.getOffset(instant));
    }
    return LocalDateTime.from(until);
  }
}
