package dev.scheduler.http.json;

import java.util.List;
import java.util.Map;

/** JSON shape of a schedule: weekday names to ranges, and date overrides. */
public record ScheduleJson(
    String timeZone, Map<String, List<ScheduleJson.Range>> weekly, List<ScheduleJson.DateOverride> overrides) {

  /** Wall-clock times {@code HH:mm}; {@code 24:00} allowed as an end. */
  public record Range(String start, String end) {}

  public record DateOverride(String date, List<Range> intervals) {}
}
