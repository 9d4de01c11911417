package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * An event's [start, end) as instants. All-day dates are midnights in the calendar's time zone,
 * which is how Google places them when filtering by timeMin/timeMax.
 */
record EventTime(Instant start, Instant end) {

  static EventTime of(JsonNode event, ZoneId calendarZone) {
    return new EventTime(instant(event.get("start"), calendarZone),
        instant(event.get("end"), calendarZone));
  }

  /** Google's overlap rule: both bounds exclusive, either may be absent. */
  boolean overlaps(Instant timeMin, Instant timeMax) {
    return (timeMin == null || end.isAfter(timeMin)) && (timeMax == null || start.isBefore(timeMax));
  }

  static boolean isAllDay(JsonNode event) {
    JsonNode start = event.get("start");
    return start != null && GoogleJson.text(start, "date") != null;
  }

  /** The zone a series recurs in: start.timeZone, else the calendar's. */
  static ZoneId seriesZone(JsonNode event, ZoneId calendarZone) {
    String zone = GoogleJson.text(event.get("start"), "timeZone");
    return zone == null ? calendarZone : ZoneId.of(zone);
  }

  /** An EventDateTime ({date} or {dateTime[, timeZone]}) as an instant; assumes it is valid. */
  static Instant instant(JsonNode eventDateTime, ZoneId calendarZone) {
    String date = GoogleJson.text(eventDateTime, "date");
    if (date != null) {
      return LocalDate.parse(date).atStartOfDay(calendarZone).toInstant();
    }
    String dateTime = GoogleJson.text(eventDateTime, "dateTime");
    try {
      return OffsetDateTime.parse(dateTime).toInstant();
    } catch (DateTimeParseException noOffset) {
      ZoneId zone = ZoneId.of(GoogleJson.text(eventDateTime, "timeZone"));
      return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }
  }

  /** An RFC 3339 query bound (timeMin, timeMax, updatedMin); Google demands the offset. */
  static Instant queryBound(String parameter, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw GoogleApiException.invalidParameter("badRequest", parameter, "Bad Request");
    }
  }

  /** Google's checks on start and end of an inserted or updated event. */
  static void validate(JsonNode event, boolean recurring) {
    checkOne(event.get("start"), "start", recurring);
    checkOne(event.get("end"), "end", recurring);
    if (isAllDay(event) != (GoogleJson.text(event.get("end"), "date") != null)) {
      throw GoogleApiException.of(400, "invalid").withMessage(
          "The start and end times must either both be date or both be dateTime.");
    }
    ZoneId anyZone = ZoneId.of("UTC"); // the order of two dates does not depend on the zone
    EventTime time = of(event, anyZone);
    if (time.end().isBefore(time.start())) {
      throw GoogleApiException.of(400, "timeRangeEmpty").withMessage(
          "The specified time range is empty.");
    }
  }

  private static void checkOne(JsonNode edt, String which, boolean recurring) {
    if (edt == null || edt.isNull()
        || (GoogleJson.text(edt, "date") == null && GoogleJson.text(edt, "dateTime") == null)) {
      throw GoogleApiException.of(400, "required").withMessage("Missing " + which + " time.");
    }
    String zone = GoogleJson.text(edt, "timeZone");
    try {
      if (zone != null) {
        ZoneId.of(zone);
      }
    } catch (DateTimeException e) {
      throw GoogleApiException.of(400, "invalid")
          .withMessage("Invalid time zone definition for " + which + " time.");
    }
    String date = GoogleJson.text(edt, "date");
    String dateTime = GoogleJson.text(edt, "dateTime");
    if (date != null && dateTime != null) {
      throw GoogleApiException.of(400, "invalid").withMessage("Invalid " + which + " time.");
    }
    try {
      if (date != null) {
        LocalDate.parse(date);
        return;
      }
      boolean hasOffset = hasOffset(dateTime);
      if (!hasOffset) {
        LocalDateTime.parse(dateTime);
      }
      if ((!hasOffset || recurring) && zone == null) {
        // A recurring event needs an IANA zone to know where its wall-clock time repeats.
        throw GoogleApiException.of(400, "required")
            .withMessage("Missing time zone definition for " + which + " time.");
      }
    } catch (DateTimeParseException e) {
      throw GoogleApiException.of(400, "invalid").withMessage("Invalid " + which + " time.");
    }
  }

  private static boolean hasOffset(String dateTime) {
    try {
      OffsetDateTime.parse(dateTime);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
