package dev.scheduler.node.provider.ics;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAmount;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A DATE or DATE-TIME value: its wall-clock time and the rules of the zone that wall clock is in.
 * A DATE is midnight in the floating zone (the host's), as is a DATE-TIME with neither TZID nor Z.
 */
record IcsTime(LocalDateTime local, ZoneRules zone, boolean isDate) {

  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withResolverStyle(ResolverStyle.STRICT);

  /** The property's value, which must be a single DATE or DATE-TIME. */
  static IcsTime of(IcsComponent.Property property, IcsZones zones) {
    return parse(property.value(), property.parameter("TZID"), zones);
  }

  /** Each value of a comma-separated list such as EXDATE or RDATE. */
  static List<IcsTime> listOf(IcsComponent.Property property, IcsZones zones) {
    return Arrays.stream(property.value().split(","))
        .map(value -> parse(value, property.parameter("TZID"), zones))
        .toList();
  }

  static IcsTime parse(String value, Optional<String> tzid, IcsZones zones) {
    String text = value.strip();
    try {
      if (text.length() == 8) {
        // Shape rather than VALUE=DATE decides, as some producers omit the parameter.
        return new IcsTime(LocalDate.parse(text, DATE).atStartOfDay(), zones.floating(), true);
      }
      if (text.endsWith("Z")) {
        LocalDateTime utc = LocalDateTime.parse(text.substring(0, text.length() - 1), DATE_TIME);
        return new IcsTime(utc, ZoneOffset.UTC.getRules(), false);
      }
      LocalDateTime local = LocalDateTime.parse(text, DATE_TIME);
      return new IcsTime(local, tzid.map(zones::rules).orElse(zones.floating()), false);
    } catch (DateTimeParseException e) {
      throw new DateTimeException("\"" + text + "\" is not an iCalendar date or date-time", e);
    }
  }

  Instant instant() {
    return toInstant(local, zone);
  }

  /** Another wall-clock time in the same zone, as recurrence instances are. */
  IcsTime at(LocalDateTime otherLocal) {
    return new IcsTime(otherLocal, zone, isDate);
  }

  /**
   * When something that starts at this time and lasts {@code length} ends. Nominal days and weeks
   * (Period) follow the wall clock, so a one-day event across a DST change lasts 23 or
   * 25 hours; exact durations do not (RFC 5545 §3.3.6).
   */
  Instant endAfter(TemporalAmount length) {
    return length instanceof Period ? at(local.plus(length)).instant() : instant().plus(length);
  }

  /**
   * RFC 5545 §3.3.5: a wall-clock time skipped by a DST gap is read with the offset from before
   * the gap (02:30 becomes 03:30), and one that occurs twice means its first occurrence.
   */
  static Instant toInstant(LocalDateTime local, ZoneRules zone) {
    List<ZoneOffset> offsets = zone.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return local.toInstant(zone.getTransition(local).getOffsetBefore());
    }
    return local.toInstant(offsets.get(0));
  }
}
