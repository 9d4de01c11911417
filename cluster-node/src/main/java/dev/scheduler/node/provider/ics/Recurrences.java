package dev.scheduler.node.provider.ics;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.zone.ZoneRules;
import java.util.List;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Expands an RRULE with ical4j's {@link Recur} on wall-clock times, so instances keep their local
 * time across DST changes; the caller turns each into an instant in the series' zone.
 */
final class Recurrences {

  private Recurrences() {}

  /**
   * The instance starts of {@code rrule} from {@code seed} (DTSTART) that fall in [{@code from},
   * {@code to}], both wall-clock times in the series' zone. COUNT is still counted from the seed.
   */
  static List<LocalDateTime> starts(
      String rrule, LocalDateTime seed, ZoneRules zone, LocalDateTime from, LocalDateTime to) {
    Recur<Temporal> recur;
    try {
      recur = new Recur<>(rrule, true);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException(
          "\"" + rrule + "\" is not an iCalendar recurrence rule", e);
    }
    if (recur.getFrequency() == Frequency.SECONDLY || recur.getFrequency() == Frequency.MINUTELY) {
      // No calendar app offers these, and with a COUNT from years ago ical4j walks every instance
      // from DTSTART (13 s for minutely since 2000), which a feed must not be able to make us do.
      throw new IllegalArgumentException(
          "\"" + rrule + "\" repeats more often than hourly, which is not supported");
    }
    Temporal until = recur.getUntil();
    if (until != null) {
      recur = new Recur.Builder<>(recur).until(localUntil(until, zone)).build();
    }
    return recur.getDates(seed, from, to).stream().map(LocalDateTime::from).toList();
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
