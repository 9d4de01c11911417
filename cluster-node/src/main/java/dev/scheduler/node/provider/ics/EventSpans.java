package dev.scheduler.node.provider.ics;

import dev.scheduler.protocol.model.Interval;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.TemporalAmountAdapter;

/** The busy spans of one VEVENT that overlap a window, not clipped to it. */
final class EventSpans {

  private EventSpans() {}

  /** An instance before the filters; one of zero or negative length is not busy. */
  private record Instance(IcsTime start, Instant end) {}

  /**
   * @param overridden starts of this event's instances that a RECURRENCE-ID override replaces
   */
  static List<Interval> busySpans(IcsComponent event, Set<Instant> overridden, IcsZones zones, Instant from,
      Instant to, ExpansionBudget budget) {
    if (!isBusy(event)) {
      return List.of();
    }
    Optional<IcsComponent.Property> recurrenceId = event.property("RECURRENCE-ID");
    Optional<IcsTime> start = event.property("DTSTART").or(() -> recurrenceId)
        .map(p -> IcsTime.of(p, zones));
    if (start.isEmpty()) {
      return List.of();
    }
    TemporalAmount length = length(event, start.get(), zones);
    // An override stands for one instance: it has no RRULE of its own to expand.
    List<Instance> instances = recurrenceId.isPresent()
        ? List.of(new Instance(start.get(), start.get().endAfter(length)))
        : instances(event, start.get(), length, overridden, zones, from, to, budget);
    budget.spend(instances.size());
    List<Interval> busy = new ArrayList<>();
    for (Instance instance : instances) {
      Instant begins = instance.start().instant();
      Instant ends = instance.end();
      if (begins.isBefore(ends) && begins.isBefore(to) && ends.isAfter(from)) {
        busy.add(new Interval(begins, ends));
      }
    }
    return busy;
  }

  private static boolean isBusy(IcsComponent event) {
    boolean cancelled = is(event, "STATUS", "CANCELLED");
    boolean free = is(event, "TRANSP", "TRANSPARENT");
    return !cancelled && !free;
  }

  private static boolean is(IcsComponent event, String property, String value) {
    return event.value(property)
        .map(v -> v.strip().toUpperCase(Locale.ROOT).equals(value))
        .orElse(false);
  }

  /** How long each instance lasts (RFC 5545 §3.6.1 and §3.8.5.3). */
  private static TemporalAmount length(IcsComponent event, IcsTime start, IcsZones zones) {
    Optional<IcsComponent.Property> dtend = event.property("DTEND");
    if (dtend.isPresent()) {
      IcsTime end = IcsTime.of(dtend.get(), zones);
      return start.isDate()
          ? Period.ofDays((int) ChronoUnit.DAYS.between(start.local(), end.local()))
          : Duration.between(start.instant(), end.instant());
    }
    Optional<String> duration = event.value("DURATION");
    if (duration.isPresent()) {
      return parseDuration(duration.get());
    }
    return start.isDate() ? Period.ofDays(1) : Duration.ZERO;
  }

  /** DTSTART, RRULE and RDATE instances near the window, less EXDATEs and overridden ones. */
  private static List<Instance> instances(IcsComponent event, IcsTime dtstart, TemporalAmount length,
      Set<Instant> overridden, IcsZones zones, Instant from, Instant to, ExpansionBudget budget) {
    // Expand only around the window, in wall-clock time: a day of slack covers any UTC offset,
    // and starting one instance length early catches instances that began before the window.
    LocalDateTime expandFrom =
        LocalDateTime.ofInstant(from, ZoneOffset.UTC).minus(length).minusDays(1);
    LocalDateTime expandTo = LocalDateTime.ofInstant(to, ZoneOffset.UTC).plusDays(1);

    // DTSTART is always the first instance, even when the rule would not produce it.
    Set<LocalDateTime> ruleStarts = new TreeSet<>(List.of(dtstart.local()));
    for (IcsComponent.Property rrule : event.all("RRULE")) {
      ruleStarts.addAll(Recurrences.starts(
          rrule.value(), dtstart.local(), dtstart.zone(), expandFrom, expandTo, budget.perEvent()));
      tooMany(ruleStarts.size(), budget.perEvent());
    }
    List<Instance> instances = new ArrayList<>();
    for (LocalDateTime local : ruleStarts) {
      IcsTime instance = dtstart.at(local);
      instances.add(new Instance(instance, instance.endAfter(length)));
    }
    for (IcsComponent.Property rdate : event.all("RDATE")) {
      for (String value : rdate.value().split(",")) {
        IcsTime instance = IcsTime.parse(value.split("/")[0], rdate.parameter("TZID"), zones);
        instances.add(new Instance(instance, rdateEnd(value, instance, length, rdate, zones)));
        tooMany(instances.size(), budget.perEvent());
      }
    }

    Set<Instant> excludedStarts = new HashSet<>(overridden);
    Set<LocalDate> excludedDates = new HashSet<>();
    for (IcsComponent.Property exdate : event.all("EXDATE")) {
      for (IcsTime excluded : IcsTime.listOf(exdate, zones)) {
        if (excluded.isDate()) {
          // A DATE also excludes the DATE-TIME instances on that day, as lenient readers do.
          excludedDates.add(excluded.local().toLocalDate());
        } else {
          excludedStarts.add(excluded.instant());
        }
      }
    }
    return instances.stream()
        .filter(i -> !excludedStarts.contains(i.start().instant()))
        .filter(i -> !excludedDates.contains(i.start().local().toLocalDate()))
        .toList();
  }

  // Several RRULEs, or thousands of RDATEs, count against the same per-event limit as one RRULE.
  private static void tooMany(int instances, int limit) {
    if (instances > limit) {
      throw new FeedLimitExceeded("An event of the feed repeats more than " + limit
          + " times in the synced window, which is more than we read from one event.");
    }
  }

  /** An RDATE value is a start of the usual length, or a PERIOD "start/end" or "start/duration". */
  private static Instant rdateEnd(String value, IcsTime start, TemporalAmount length,
      IcsComponent.Property rdate, IcsZones zones) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return start.endAfter(length);
    }
    String endOrDuration = value.substring(slash + 1).strip();
    return endOrDuration.startsWith("P") || endOrDuration.startsWith("+P")
        ? start.endAfter(parseDuration(endOrDuration))
        : IcsTime.parse(endOrDuration, rdate.parameter("TZID"), zones).instant();
  }

  /** "PT45M" as an exact Duration, "P1D" and "P1W" as a nominal Period. */
  private static TemporalAmount parseDuration(String value) {
    try {
      return TemporalAmountAdapter.parse(value.strip(), true).getDuration();
    } catch (DateTimeException e) {
      throw new DateTimeException("\"" + value.strip() + "\" is not an iCalendar duration", e);
    }
  }
}
