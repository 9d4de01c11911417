package dev.scheduler.node.provider.ics;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Zone rules from a feed's VTIMEZONE: every STANDARD/DAYLIGHT onset up to a horizon becomes an
 * explicit transition. Not ical4j's ZoneRulesBuilder: it reads the wall clock, and past the current
 * year it places "n-th weekday" rules wrongly (BYDAY=2SU becomes "first Sunday on or after the
 * 2nd", so US DST 2027 would start on March 7 instead of 14).
 */
final class VTimeZoneRules {

  /** Onsets of one observance up to the horizon: a yearly rule since 1601 has about 430. */
  static final int MAX_ONSETS = 2000;

  private VTimeZoneRules() {}

  static ZoneRules of(IcsComponent vtimezone, LocalDateTime horizon) {
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    LocalDateTime earliest = LocalDateTime.MAX;
    ZoneOffset initialOffset = null;
    for (IcsComponent observance : vtimezone.children()) {
      if (!observance.name().equals("STANDARD") && !observance.name().equals("DAYLIGHT")) {
        continue;
      }
      ZoneOffset from = offset(observance, "TZOFFSETFROM");
      ZoneOffset to = offset(observance, "TZOFFSETTO");
      LocalDateTime start = LocalDateTime.parse(required(observance, "DTSTART"), IcsTime.DATE_TIME);
      if (start.isBefore(earliest)) {
        earliest = start;
        initialOffset = from;
      }
      Set<LocalDateTime> onsets = new TreeSet<>(List.of(start));
      for (IcsComponent.Property rrule : observance.all("RRULE")) {
        // Onsets are wall-clock times in the offset that is ending: a UTC UNTIL converts with it.
        onsets.addAll(Recurrences.starts(rrule.value(), start, from.getRules(), start, horizon, MAX_ONSETS));
      }
      for (IcsComponent.Property rdate : observance.all("RDATE")) {
        for (String value : rdate.value().split(",")) {
          onsets.add(LocalDateTime.parse(value.strip(), IcsTime.DATE_TIME));
          if (onsets.size() > MAX_ONSETS) {
            throw new FeedLimitExceeded("A time zone of the feed changes its offset more than " + MAX_ONSETS
                + " times, which is more than we read.");
          }
        }
      }
      if (!from.equals(to)) {
        onsets.stream()
            .filter(onset -> !onset.isAfter(horizon))
            .forEach(onset -> transitions.add(ZoneOffsetTransition.of(onset, from, to)));
      }
    }
    if (initialOffset == null) {
      throw new DateTimeException(
          "time zone " + vtimezone.value("TZID").orElse("") + " has no STANDARD or DAYLIGHT part");
    }
    transitions.sort(null);
    return ZoneRules.of(initialOffset, initialOffset, List.of(), transitions, List.of());
  }

  private static ZoneOffset offset(IcsComponent observance, String name) {
    return ZoneOffset.of(required(observance, name).strip());
  }

  private static String required(IcsComponent observance, String name) {
    return observance.value(name).orElseThrow(() -> new DateTimeException(
        "a time zone's " + observance.name() + " part has no " + name));
  }
}
