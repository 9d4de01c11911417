package dev.scheduler.node.provider.ics;

import dev.scheduler.protocol.model.Interval;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Busy time from the text of an iCalendar feed (a URL the host pasted, which we poll): VEVENTs with
 * their recurrences, exceptions and time zones, as UTC intervals.
 */
public final class IcsBusyTime {

  private IcsBusyTime() {}

  /** As {@link #busyIntervals(String, Instant, Instant, ZoneId)} with floating times in UTC. */
  public static List<Interval> busyIntervals(String icsText, Instant from, Instant to)
      throws IcsParseException {
    return busyIntervals(icsText, from, to, ZoneOffset.UTC);
  }

  /**
   * Busy intervals of the feed that overlap [from, to), sorted by start and merged where they
   * overlap or touch. Intervals keep their true start and end; they are not clipped to the window.
   *
   * @param floatingZone the host's zone: it places all-day (DATE) events and times written without
   *     a zone
   * @throws IcsParseException when the text is not a calendar, or an event in it cannot be read
   */
  public static List<Interval> busyIntervals(
      String icsText, Instant from, Instant to, ZoneId floatingZone) throws IcsParseException {
    return busyIntervals(icsText, from, to, floatingZone, IcsLimits.DEFAULT);
  }

  /**
   * As above, within {@code limits}.
   *
   * @throws FeedLimitExceeded when the feed needs more instances or intervals than the limits allow;
   *     expansion stops as soon as that is known, so memory stays within a few times the limits
   */
  public static List<Interval> busyIntervals(String icsText, Instant from, Instant to, ZoneId floatingZone,
      IcsLimits limits) throws IcsParseException {
    Objects.requireNonNull(icsText, "icsText");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(floatingZone, "floatingZone");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "the window must end after it starts: " + from + " .. " + to);
    }
    List<IcsComponent> components = IcsReader.read(icsText);
    // VTIMEZONE transitions are only needed until the window ends (plus instance lengths).
    var horizon = LocalDateTime.ofInstant(to, ZoneOffset.UTC).plusYears(1);
    var zones = new IcsZones(components, floatingZone, horizon);
    List<IcsComponent> events = components.stream().filter(c -> c.name().equals("VEVENT")).toList();

    Map<String, Set<Instant>> overriddenByUid = new HashMap<>();
    for (IcsComponent event : events) {
      var uid = event.value("UID");
      var recurrenceId = event.property("RECURRENCE-ID");
      if (uid.isPresent() && recurrenceId.isPresent()) {
        Instant replaced = read(event, () -> IcsTime.of(recurrenceId.get(), zones).instant());
        overriddenByUid.computeIfAbsent(uid.get(), u -> new HashSet<>()).add(replaced);
      }
    }
    var budget = new ExpansionBudget(limits);
    List<Interval> busy = new ArrayList<>();
    for (IcsComponent event : events) {
      Set<Instant> overridden = event.value("UID").map(overriddenByUid::get).orElse(Set.of());
      busy.addAll(read(event, () -> EventSpans.busySpans(event, overridden, zones, from, to, budget)));
      // Merge as we go, so that many overlapping events never pile up beyond twice the limit.
      if (busy.size() > 2 * limits.intervalsPerFeed()) {
        busy = withinLimit(merge(busy), limits);
      }
    }
    return withinLimit(merge(busy), limits);
  }

  private static List<Interval> withinLimit(List<Interval> merged, IcsLimits limits) {
    if (merged.size() > limits.intervalsPerFeed()) {
      throw new FeedLimitExceeded("The feed has more than " + limits.intervalsPerFeed()
          + " separate busy periods in the synced window, which is more than we keep for one calendar.");
    }
    return merged;
  }

  /** Runs one event's reading, turning a bad value in it into a message that names the event. */
  private static <T> T read(IcsComponent event, Supplier<T> reading) throws IcsParseException {
    try {
      return reading.get();
    } catch (DateTimeException | IllegalArgumentException e) {
      String name = event.value("SUMMARY").map(s -> "\"" + s + "\"")
          .or(() -> event.value("UID").map(uid -> "with UID " + uid))
          .orElse("without a name");
      String when = event.value("DTSTART").map(s -> " starting " + s).orElse("");
      throw new IcsParseException("The calendar feed has an event we cannot read ("
          + name + when + "): " + e.getMessage(), e);
    }
  }

  private static List<Interval> merge(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::start));
    List<Interval> merged = new ArrayList<>();
    for (Interval next : sorted) {
      int last = merged.size() - 1;
      if (last >= 0 && !next.start().isAfter(merged.get(last).end())) {
        Interval current = merged.get(last);
        Instant end = next.end().isAfter(current.end()) ? next.end() : current.end();
        merged.set(last, new Interval(current.start(), end));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }
}
