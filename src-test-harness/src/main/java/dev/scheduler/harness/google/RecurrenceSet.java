package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A series' recurrence[] lines (RRULE, RDATE, EXDATE; Google sends no DTSTART) applied to the
 * series' start: yields the original start of every occurrence.
 */
final class RecurrenceSet {
  /** One occurrence: its local date in the series zone and its original start instant. */
  record Occurrence(LocalDate date, Instant start) {}

  private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter BASIC_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final LocalDate startDate;
  /** Null for an all-day series. */
  private final LocalTime startTime;
  private final ZoneId zone;
  private final RecurrenceRule rule;
  private final List<Occurrence> extraDates = new ArrayList<>();
  private final Set<Instant> excludedStarts = new HashSet<>();
  private final Set<LocalDate> excludedDates = new HashSet<>();

  private RecurrenceSet(LocalDate startDate, LocalTime startTime, ZoneId zone, RecurrenceRule rule) {
    this.startDate = startDate;
    this.startTime = startTime;
    this.zone = zone;
    this.rule = rule;
  }

  /** The set of a valid series event; throws Google's 400 for lines the fake cannot honour. */
  static RecurrenceSet of(JsonNode event, ZoneId calendarZone) {
    ZoneId zone = EventTime.seriesZone(event, calendarZone);
    boolean allDay = EventTime.isAllDay(event);
    LocalDate date;
    LocalTime time = null;
    if (allDay) {
      date = LocalDate.parse(GoogleJson.text(event.get("start"), "date"));
    } else {
      LocalDateTime local = EventTime.instant(event.get("start"), zone).atZone(zone).toLocalDateTime();
      date = local.toLocalDate();
      time = local.toLocalTime();
    }
    List<String> lines = new ArrayList<>();
    event.get("recurrence").forEach(line -> lines.add(line.asText()));
    try {
      return parse(lines, date, time, zone);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw GoogleApiException.of(400, "invalid").withMessage("Invalid recurrence rule. "
          + e.getMessage());
    }
  }

  private static RecurrenceSet parse(List<String> lines, LocalDate date, LocalTime time,
      ZoneId zone) {
    RecurrenceRule rule = null;
    List<String> dateLines = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("RRULE:")) {
        if (rule != null) {
          throw new IllegalArgumentException("the fake supports one RRULE per series");
        }
        rule = RecurrenceRule.parse(line.substring(6));
      } else if (line.startsWith("EXDATE") || line.startsWith("RDATE")) {
        dateLines.add(line);
      } else {
        throw new IllegalArgumentException("the fake does not support " + line);
      }
    }
    RecurrenceSet set = new RecurrenceSet(date, time, zone, rule);
    dateLines.forEach(set::addDates);
    return set;
  }

  /** Original starts of all occurrences starting before horizon, in order. */
  List<Occurrence> occurrencesBefore(Instant horizon) {
    TreeMap<Instant, Occurrence> found = new TreeMap<>();
    // RFC 5545: DTSTART is the first occurrence and counts towards COUNT.
    Occurrence first = occurrence(startDate);
    if (first.start().isBefore(horizon)) {
      found.put(first.start(), first);
    }
    if (rule != null && (rule.count == null || rule.count > 1)) {
      int[] produced = {1};
      rule.forEachDateAfter(startDate, day -> {
        Occurrence next = occurrence(day);
        if (beyondUntil(next) || !next.start().isBefore(horizon)) {
          return false;
        }
        found.put(next.start(), next);
        return rule.count == null || ++produced[0] < rule.count;
      });
    }
    extraDates.stream().filter(o -> o.start().isBefore(horizon)).forEach(o -> found.put(o.start(), o));
    List<Occurrence> result = new ArrayList<>();
    for (Occurrence o : found.values()) {
      // A DATE-valued EXDATE removes whatever occurs on that day, timed or not.
      if (!excludedStarts.contains(o.start()) && !excludedDates.contains(o.date())) {
        result.add(o);
      }
    }
    return result;
  }

  /** Whether an occurrence with this original start belongs to the series. */
  boolean contains(Instant originalStart) {
    return occurrencesBefore(originalStart.plusMillis(1)).stream()
        .anyMatch(o -> o.start().equals(originalStart));
  }

  /** A series with an RRULE that has neither COUNT nor UNTIL goes on for ever. */
  boolean endless() {
    return rule != null && rule.count == null && rule.until == null;
  }

  Instant firstStart() {
    return occurrence(startDate).start();
  }

  boolean allDay() {
    return startTime == null;
  }

  ZoneId zone() {
    return zone;
  }

  Occurrence occurrence(LocalDate date) {
    Instant start = startTime == null ? date.atStartOfDay(zone).toInstant()
        : date.atTime(startTime).atZone(zone).toInstant();
    return new Occurrence(date, start);
  }

  private boolean beyondUntil(Occurrence occurrence) {
    if (rule.until == null) {
      return false;
    }
    if (rule.until.length() == 8) { // a DATE: occurrences on that day still count
      return occurrence.date().isAfter(LocalDate.parse(rule.until, BASIC_DATE));
    }
    return occurrence.start().isAfter(dateTime(rule.until, zone));
  }

  /** EXDATE/RDATE lines: "EXDATE;TZID=Europe/Berlin:20240108T090000,...", "...;VALUE=DATE:2024...". */
  private void addDates(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("malformed " + line);
    }
    String[] head = line.substring(0, colon).split(";");
    boolean exclude = head[0].equals("EXDATE");
    ZoneId valueZone = zone;
    for (int i = 1; i < head.length; i++) {
      if (head[i].startsWith("TZID=")) {
        valueZone = ZoneId.of(head[i].substring(5));
      } else if (head[i].equals("VALUE=PERIOD")) {
        throw new IllegalArgumentException("the fake does not support RDATE periods");
      }
    }
    for (String value : line.substring(colon + 1).split(",")) {
      if (value.length() == 8) {
        LocalDate date = LocalDate.parse(value, BASIC_DATE);
        if (exclude) {
          excludedDates.add(date);
        } else {
          extraDates.add(occurrence(date));
        }
      } else {
        Instant start = dateTime(value, valueZone);
        if (exclude && startTime == null) {
          excludedDates.add(start.atZone(zone).toLocalDate());
        } else if (exclude) {
          excludedStarts.add(start);
        } else {
          extraDates.add(new Occurrence(start.atZone(zone).toLocalDate(), start));
        }
      }
    }
  }

  /** A DATE-TIME value: UTC with a trailing Z, otherwise local time in the given zone. */
  private static Instant dateTime(String value, ZoneId zone) {
    if (value.endsWith("Z")) {
      return LocalDateTime.parse(value.substring(0, value.length() - 1), BASIC_DATE_TIME)
          .toInstant(ZoneOffset.UTC);
    }
    return LocalDateTime.parse(value, BASIC_DATE_TIME).atZone(zone).toInstant();
  }
}
