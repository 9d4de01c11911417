package dev.scheduler.harness.google;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One RRULE (RFC 5545) as far as the fake supports it: FREQ=DAILY or WEEKLY with INTERVAL, COUNT,
 * UNTIL, BYDAY and WKST. Anything else is refused loudly rather than expanded wrongly.
 */
final class RecurrenceRule {
  enum Frequency { DAILY, WEEKLY }

  private static final Map<String, DayOfWeek> DAYS = Map.of("MO", DayOfWeek.MONDAY,
      "TU", DayOfWeek.TUESDAY, "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY,
      "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY, "SU", DayOfWeek.SUNDAY);

  final Frequency frequency;
  final int interval;
  final Integer count;
  /** UNTIL as written (yyyyMMdd, yyyyMMddTHHmmss or yyyyMMddTHHmmssZ); RecurrenceSet interprets it. */
  final String until;
  final List<DayOfWeek> byDay;
  final DayOfWeek weekStart;

  private RecurrenceRule(Frequency frequency, int interval, Integer count, String until,
      List<DayOfWeek> byDay, DayOfWeek weekStart) {
    this.frequency = frequency;
    this.interval = interval;
    this.count = count;
    this.until = until;
    this.byDay = byDay;
    this.weekStart = weekStart;
  }

  /** Parses the value after "RRULE:"; throws IllegalArgumentException naming what is wrong. */
  static RecurrenceRule parse(String value) {
    Frequency frequency = null;
    int interval = 1;
    Integer count = null;
    String until = null;
    List<DayOfWeek> byDay = new ArrayList<>();
    DayOfWeek weekStart = DayOfWeek.MONDAY;
    for (String part : value.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("malformed RRULE part " + part);
      }
      String name = part.substring(0, eq);
      String arg = part.substring(eq + 1);
      switch (name) {
        case "FREQ" -> frequency = frequency(arg);
        case "INTERVAL" -> interval = positive(arg, "INTERVAL");
        case "COUNT" -> count = positive(arg, "COUNT");
        case "UNTIL" -> until = arg;
        case "BYDAY" -> {
          for (String day : arg.split(",")) {
            byDay.add(day(day));
          }
        }
        case "WKST" -> weekStart = day(arg);
        default -> throw new IllegalArgumentException("the fake does not support RRULE part " + name);
      }
    }
    if (frequency == null) {
      throw new IllegalArgumentException("RRULE without FREQ");
    }
    if (count != null && until != null) {
      throw new IllegalArgumentException("RRULE with both COUNT and UNTIL");
    }
    return new RecurrenceRule(frequency, interval, count, until, byDay, weekStart);
  }

  /**
   * Calls visitor with each date after dtstart that the rule yields, in order, until the visitor
   * returns false. COUNT and UNTIL are the visitor's business: they need the occurrence's instant.
   */
  void forEachDateAfter(LocalDate dtstart, Predicate<LocalDate> visitor) {
    if (frequency == Frequency.DAILY) {
      int misses = 0;
      for (LocalDate day = dtstart.plusDays(interval); ; day = day.plusDays(interval)) {
        if (!byDay.isEmpty() && !byDay.contains(day.getDayOfWeek())) {
          if (++misses >= 7) {
            return; // weekdays cycle within 7 steps: this BYDAY can never match
          }
          continue;
        }
        misses = 0;
        if (!visitor.test(day)) {
          return;
        }
      }
    }
    List<DayOfWeek> days = new ArrayList<>(byDay.isEmpty() ? List.of(dtstart.getDayOfWeek()) : byDay);
    days.sort(Comparator.comparingInt(this::offsetInWeek));
    // INTERVAL counts weeks from the WKST-aligned week holding DTSTART.
    LocalDate firstWeek = dtstart.with(TemporalAdjusters.previousOrSame(weekStart));
    for (long week = 0; ; week += interval) {
      for (DayOfWeek day : days) {
        LocalDate candidate = firstWeek.plusWeeks(week).plusDays(offsetInWeek(day));
        if (candidate.isAfter(dtstart) && !visitor.test(candidate)) {
          return;
        }
      }
    }
  }

  private int offsetInWeek(DayOfWeek day) {
    return (day.getValue() - weekStart.getValue() + 7) % 7;
  }

  private static Frequency frequency(String value) {
    try {
      return Frequency.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the fake supports only FREQ=DAILY or WEEKLY, not " + value);
    }
  }

  private static DayOfWeek day(String code) {
    DayOfWeek day = DAYS.get(code);
    if (day == null) {
      throw new IllegalArgumentException("the fake supports only plain BYDAY days, not " + code);
    }
    return day;
  }

  private static int positive(String value, String name) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer");
  }
}
