package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * When a host is available: weekly wall-clock ranges per weekday, and date overrides that replace a
 * date's ranges (an empty list makes the date unavailable). Ranges are read in {@code timeZone}.
 */
public record Schedule(
    ZoneId timeZone,
    Map<DayOfWeek, List<WallClockRange>> weekly,
    Map<LocalDate, List<WallClockRange>> overrides)
    implements CborSerializable {

  public Schedule {
    Objects.requireNonNull(timeZone, "timeZone");
    weekly = sortedCopy(weekly == null ? Map.of() : weekly, new EnumMap<>(DayOfWeek.class));
    overrides = sortedCopy(overrides == null ? Map.of() : overrides, new TreeMap<>());
  }

  /** A schedule with no availability at all: the state of a host that has not published one. */
  public static Schedule empty(ZoneId zone) {
    return new Schedule(zone, Map.of(), Map.of());
  }

  /** The wall-clock ranges of one local date: its override if there is one, else its weekday's rules. */
  public List<WallClockRange> rangesOn(LocalDate date) {
    List<WallClockRange> override = overrides.get(date);
    if (override != null) {
      return override;
    }
    return weekly.getOrDefault(date.getDayOfWeek(), List.of());
  }

  private static <K> Map<K, List<WallClockRange>> sortedCopy(
      Map<K, List<WallClockRange>> source, Map<K, List<WallClockRange>> target) {
    source.forEach((key, ranges) -> target.put(key, sorted(ranges)));
    return java.util.Collections.unmodifiableMap(target);
  }

  private static List<WallClockRange> sorted(Collection<WallClockRange> ranges) {
    List<WallClockRange> copy = new ArrayList<>(ranges == null ? List.of() : ranges);
    copy.sort(Comparator.comparingInt(WallClockRange::startMinute));
    for (int i = 1; i < copy.size(); i++) {
      if (copy.get(i - 1).overlaps(copy.get(i))) {
        throw new IllegalArgumentException(
            "ranges on one day must not overlap: "
                + copy.get(i - 1).startText() + "-" + copy.get(i - 1).endText() + " and "
                + copy.get(i).startText() + "-" + copy.get(i).endText());
      }
    }
    return List.copyOf(copy);
  }
}
