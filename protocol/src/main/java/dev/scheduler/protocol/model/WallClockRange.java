package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;

/**
 * A range of wall-clock time on one local date, as minutes after local midnight:
 * {@code 0 <= startMinute < endMinute <= 1440}. An end of 1440 is written {@code 24:00}.
 */
public record WallClockRange(int startMinute, int endMinute) implements CborSerializable {
  public static final int END_OF_DAY = 24 * 60;

  public WallClockRange {
    if (startMinute < 0 || startMinute >= END_OF_DAY) {
      throw new IllegalArgumentException("a range must start between 00:00 and 23:59");
    }
    if (endMinute <= startMinute || endMinute > END_OF_DAY) {
      throw new IllegalArgumentException("a range must end after it starts and no later than 24:00");
    }
  }

  /** Parses {@code HH:mm} pairs; {@code 24:00} is allowed as an end only. */
  public static WallClockRange parse(String start, String end) {
    int s = minuteOfDay(start);
    int e = minuteOfDay(end);
    if (s == END_OF_DAY) {
      throw new IllegalArgumentException("24:00 is allowed only as the end of a range");
    }
    return new WallClockRange(s, e);
  }

  public String startText() {
    return format(startMinute);
  }

  public String endText() {
    return format(endMinute);
  }

  public boolean overlaps(WallClockRange other) {
    return startMinute < other.endMinute && other.startMinute < endMinute;
  }

  static int minuteOfDay(String text) {
    if (text == null || !text.matches("\\d{2}:\\d{2}")) {
      throw new IllegalArgumentException("a time of day must look like HH:mm, not '" + text + "'");
    }
    int hours = Integer.parseInt(text.substring(0, 2));
    int minutes = Integer.parseInt(text.substring(3, 5));
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
      throw new IllegalArgumentException("'" + text + "' is not a time of day between 00:00 and 24:00");
    }
    return hours * 60 + minutes;
  }

  static String format(int minuteOfDay) {
    return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
  }
}
