package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.OverrideJson;
import dev.scheduler.harness.baseline.ApiShapes.RangeJson;
import dev.scheduler.harness.baseline.ApiShapes.ScheduleJson;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host's availability: weekly wall-clock ranges per weekday and date overrides that replace a
 * date's ranges, read in {@code zone}. Same rules as the node's schedule.
 */
record WeeklySchedule(ZoneId zone, Map<DayOfWeek, List<WallRange>> weekly, Map<LocalDate, List<WallRange>> overrides) {

  /** Minutes after local midnight, {@code 0 <= start < end <= 1440}; 1440 is written 24:00. */
  record WallRange(int startMinute, int endMinute) {
    static final int END_OF_DAY = 24 * 60;

    static WallRange parse(String where, RangeJson json) {
      if (json == null) {
        throw HttpRefusal.invalid("The ranges of " + where + " must not contain null.");
      }
      int start = minuteOfDay(where, json.start());
      int end = minuteOfDay(where, json.end());
      if (start == END_OF_DAY || end <= start) {
        throw HttpRefusal.invalid("In " + where + ": a range must start before 24:00 and end after it starts.");
      }
      return new WallRange(start, end);
    }

    RangeJson toJson() {
      return new RangeJson(format(startMinute), format(endMinute));
    }

    private static int minuteOfDay(String where, String text) {
      if (text == null || !text.matches("\\d{2}:\\d{2}")) {
        throw HttpRefusal.invalid("In " + where + ": a time of day must look like HH:mm, not '" + text + "'.");
      }
      int hours = Integer.parseInt(text.substring(0, 2));
      int minutes = Integer.parseInt(text.substring(3, 5));
      if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
        throw HttpRefusal.invalid("In " + where + ": '" + text + "' is not a time between 00:00 and 24:00.");
      }
      return hours * 60 + minutes;
    }

    private static String format(int minuteOfDay) {
      return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
  }

  /** A date's ranges: its override if there is one, else its weekday's. */
  List<WallRange> rangesOn(LocalDate date) {
    List<WallRange> override = overrides.get(date);
    return override != null ? override : weekly.getOrDefault(date.getDayOfWeek(), List.of());
  }

  static WeeklySchedule fromJson(ScheduleJson json) {
    ZoneId zone = Requests.zone("timeZone", json.timeZone());
    Map<DayOfWeek, List<WallRange>> weekly = new EnumMap<>(DayOfWeek.class);
    if (json.weekly() != null) {
      json.weekly().forEach((day, ranges) -> weekly.put(weekday(day), ranges(day, ranges)));
    }
    Map<LocalDate, List<WallRange>> overrides = new TreeMap<>();
    if (json.overrides() != null) {
      for (OverrideJson override : json.overrides()) {
        LocalDate date = Requests.date("overrides.date", override == null ? null : override.date());
        if (overrides.put(date, ranges(date.toString(), override.intervals())) != null) {
          throw HttpRefusal.invalid("The override for " + date + " is given twice.");
        }
      }
    }
    return new WeeklySchedule(zone, Collections.unmodifiableMap(weekly), Collections.unmodifiableMap(overrides));
  }

  ScheduleJson toJson() {
    Map<String, List<RangeJson>> weeklyJson = new LinkedHashMap<>();
    weekly.forEach((day, ranges) -> weeklyJson.put(day.name(), ranges.stream().map(WallRange::toJson).toList()));
    List<OverrideJson> overridesJson = new ArrayList<>();
    overrides.forEach((date, ranges) ->
        overridesJson.add(new OverrideJson(date.toString(), ranges.stream().map(WallRange::toJson).toList())));
    return new ScheduleJson(zone.getId(), weeklyJson, overridesJson);
  }

  private static DayOfWeek weekday(String name) {
    try {
      return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HttpRefusal.invalid("'" + name + "' is not a weekday such as MONDAY.");
    }
  }

  /** Sorted, and refused when two ranges of one day overlap. */
  private static List<WallRange> ranges(String where, List<RangeJson> json) {
    if (json == null) {
      throw HttpRefusal.invalid("The ranges of " + where + " must be a list (it may be empty).");
    }
    List<WallRange> ranges = new ArrayList<>();
    for (RangeJson range : json) {
      ranges.add(WallRange.parse(where, range));
    }
    ranges.sort(Comparator.comparingInt(WallRange::startMinute));
    for (int i = 1; i < ranges.size(); i++) {
      if (ranges.get(i).startMinute() < ranges.get(i - 1).endMinute()) {
        throw HttpRefusal.invalid("The ranges of " + where + " must not overlap.");
      }
    }
    return List.copyOf(ranges);
  }
}
