package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a series master plus its stored exceptions (moved or cancelled instances) into the
 * instances events.list returns with singleEvents=true. Instance ids follow the observed Google
 * format: seriesId_20240108T090000Z for timed series, seriesId_20240108 for all-day ones.
 */
final class RecurrenceExpander {
  /** How far an endless series is expanded when the query has no timeMax (Google's is unpublished). */
  static final Duration OPEN_ENDED_HORIZON = Duration.ofDays(366);
  /** Bound for series that end by COUNT or UNTIL: they stop by themselves. */
  private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

  private static final DateTimeFormatter TIMED_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RecurrenceExpander() {}

  /**
   * Instances overlapping (timeMin, timeMax), in start order. An occurrence with an exception is
   * replaced by it; cancelled exceptions appear only when includeCancelled.
   */
  static List<ObjectNode> instances(ObjectNode master, List<ObjectNode> exceptions,
      ZoneId calendarZone, Instant timeMin, Instant timeMax, boolean includeCancelled) {
    RecurrenceSet set = RecurrenceSet.of(master, calendarZone);
    Instant horizon = timeMax != null ? timeMax : set.endless()
        ? later(later(Instant.now(), timeMin), set.firstStart()).plus(OPEN_ENDED_HORIZON)
        : END_OF_TIME;
    Set<Instant> replaced = new HashSet<>();
    List<ObjectNode> result = new ArrayList<>();
    for (ObjectNode exception : exceptions) {
      Instant original = EventTime.instant(exception.get("originalStartTime"), set.zone());
      replaced.add(original);
      boolean cancelled = "cancelled".equals(GoogleJson.text(exception, "status"));
      // A cancelled exception may carry no times of its own: place it where it would have been.
      EventTime time = cancelled
          ? EventTime.of(instance(master, set, occurrenceAt(set, original)), calendarZone)
          : EventTime.of(exception, calendarZone);
      if ((!cancelled || includeCancelled) && time.overlaps(timeMin, timeMax)) {
        result.add(exception);
      }
    }
    for (RecurrenceSet.Occurrence occurrence : set.occurrencesBefore(horizon)) {
      if (replaced.contains(occurrence.start())) {
        continue;
      }
      ObjectNode instance = instance(master, set, occurrence);
      if (EventTime.of(instance, calendarZone).overlaps(timeMin, timeMax)) {
        result.add(instance);
      }
    }
    result.sort((a, b) -> EventTime.of(a, calendarZone).start()
        .compareTo(EventTime.of(b, calendarZone).start()));
    return result;
  }

  /** The untouched instance an id like seriesId_20240108T090000Z names, or null if none. */
  static ObjectNode instanceById(ObjectNode master, String instanceId, ZoneId calendarZone) {
    RecurrenceSet set = RecurrenceSet.of(master, calendarZone);
    String suffix = instanceId.substring(instanceId.lastIndexOf('_') + 1);
    Instant original;
    try {
      original = set.allDay()
          ? LocalDate.parse(suffix, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(set.zone()).toInstant()
          : TIMED_SUFFIX.parse(suffix, Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
    if (!set.contains(original)) {
      return null;
    }
    ObjectNode instance = instance(master, set, occurrenceAt(set, original));
    return instance.get("id").asText().equals(instanceId) ? instance : null;
  }

  /** The series id inside an instance id, or null when the id names no instance. */
  static String seriesIdOf(String instanceId) {
    int underscore = instanceId.lastIndexOf('_');
    return underscore > 0 ? instanceId.substring(0, underscore) : null;
  }

  /** The instance id and originalStartTime for an original start given as an instant or date. */
  static ObjectNode instanceAt(ObjectNode master, ZoneId calendarZone, Instant originalStart) {
    RecurrenceSet set = RecurrenceSet.of(master, calendarZone);
    if (!set.contains(originalStart)) {
      return null;
    }
    return instance(master, set, occurrenceAt(set, originalStart));
  }

  private static RecurrenceSet.Occurrence occurrenceAt(RecurrenceSet set, Instant start) {
    return new RecurrenceSet.Occurrence(start.atZone(set.zone()).toLocalDate(), start);
  }

  /** A copy of the master standing for one occurrence, as Google renders an instance. */
  private static ObjectNode instance(ObjectNode master, RecurrenceSet set,
      RecurrenceSet.Occurrence occurrence) {
    ObjectNode instance = master.deepCopy();
    instance.remove("recurrence");
    String seriesId = master.get("id").asText();
    instance.put("recurringEventId", seriesId);
    if (set.allDay()) {
      LocalDate firstDay = LocalDate.parse(GoogleJson.text(master.get("start"), "date"));
      long days = ChronoUnit.DAYS.between(firstDay, LocalDate.parse(GoogleJson.text(master.get("end"), "date")));
      instance.put("id", seriesId + "_" + DateTimeFormatter.BASIC_ISO_DATE.format(occurrence.date()));
      instance.set("originalStartTime", dateNode(occurrence.date()));
      instance.set("start", dateNode(occurrence.date()));
      instance.set("end", dateNode(occurrence.date().plusDays(days)));
    } else {
      EventTime seriesTime = EventTime.of(master, set.zone());
      Duration length = Duration.between(seriesTime.start(), seriesTime.end());
      instance.put("id", seriesId + "_" + TIMED_SUFFIX.format(occurrence.start()));
      instance.set("originalStartTime", dateTimeNode(occurrence.start(), set.zone()));
      instance.set("start", dateTimeNode(occurrence.start(), set.zone()));
      instance.set("end", dateTimeNode(occurrence.start().plus(length), set.zone()));
    }
    return instance;
  }

  private static JsonNode dateNode(LocalDate date) {
    return GoogleJson.object().put("date", date.toString());
  }

  private static JsonNode dateTimeNode(Instant instant, ZoneId zone) {
    return GoogleJson.object()
        .put("dateTime", instant.atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .put("timeZone", zone.getId());
  }

  private static Instant later(Instant a, Instant b) {
    return b == null || a.isAfter(b) ? a : b;
  }
}
