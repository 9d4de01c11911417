package dev.scheduler.node.notify.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A meeting's time as its reader sees it: in the reader's own zone, with the zone's name and the
 * offset in force, e.g. {@code Tuesday 16 March 2027, 10:00-10:30 (America/New_York, UTC-04:00)}.
 * The offset is spelled out because the weeks between the American and the European daylight
 * saving changes are exactly when two parties' mental arithmetic goes wrong.
 */
final class MeetingTimes {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("'UTC'xxx", Locale.ENGLISH);

  private MeetingTimes() {}

  /** The full span, both ends, with zone and offset. */
  static String span(Instant start, Instant end, ZoneId zone) {
    ZonedDateTime from = start.atZone(zone);
    ZonedDateTime to = end.atZone(zone);
    String ends = from.toLocalDate().equals(to.toLocalDate())
        ? TIME.format(to)
        : DAY.format(to) + ", " + TIME.format(to);
    return DAY.format(from) + ", " + TIME.format(from) + "-" + ends + " (" + zoneLabel(from, to) + ")";
  }

  /** The start only, for a subject line. */
  static String start(Instant start, ZoneId zone) {
    ZonedDateTime from = start.atZone(zone);
    return DAY.format(from) + ", " + TIME.format(from) + " (" + zone.getId() + ")";
  }

  /** How long, in words: "30 minutes", "1 hour", "1 hour 30 minutes". */
  static String duration(Duration duration) {
    long hours = duration.toHours();
    long minutes = duration.toMinutesPart();
    String h = hours == 0 ? "" : hours + (hours == 1 ? " hour" : " hours");
    String m = minutes == 0 ? "" : minutes + (minutes == 1 ? " minute" : " minutes");
    return (h + " " + m).trim();
  }

  private static String zoneLabel(ZonedDateTime from, ZonedDateTime to) {
    String offsets = from.getOffset().equals(to.getOffset())
        ? OFFSET.format(from)
        // A meeting across a clock change: both offsets, or the end time would look wrong.
        : OFFSET.format(from) + " to " + OFFSET.format(to);
    return from.getZone().getId() + ", " + offsets;
  }
}
