package dev.scheduler.node.domain.analytics;

import dev.scheduler.protocol.analytics.HostAnalyticsView;
import dev.scheduler.protocol.analytics.HostAnalyticsView.Counts;
import dev.scheduler.protocol.analytics.HostAnalyticsView.HourCount;
import dev.scheduler.protocol.analytics.HostAnalyticsView.LeadTime;
import dev.scheduler.protocol.analytics.HostAnalyticsView.ReasonCount;
import dev.scheduler.protocol.analytics.HostAnalyticsView.Week;
import dev.scheduler.protocol.analytics.HostAnalyticsView.WeekdayCount;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the analytics route, from the bookings whose meeting starts within [from, to).
 * Pure: the read side supplies the facts, the host's zone and the freshness.
 *
 * <ul>
 *   <li>Weeks are ISO weeks (Monday to Sunday) of the meeting's start in the host's zone; every
 *       week that overlaps the range is listed, empty ones with zeros.</li>
 *   <li>Lead time, weekdays and hours count the bookings that still stand (not the cancelled
 *       ones); weekday and hour are the start's wall clock in the host's zone, whatever its offset
 *       that day (DST, half-hour zones).</li>
 *   <li>Percentiles are nearest-rank: the p-th is the value at rank ceil(p * n) in ascending order
 *       (the median of an even count is the lower middle value).</li>
 *   <li>Cancellation reasons are trimmed and otherwise kept as written; the 10 most frequent are
 *       listed (ties by text), the rest summed as {@value #OTHER}; no reason counts as
 *       {@value #NO_REASON}.</li>
 * </ul>
 */
public final class HostAnalyticsFigures {
  public static final int TOP_REASONS = 10;
  public static final String OTHER = "(other)";
  public static final String NO_REASON = "(none)";

  private HostAnalyticsFigures() {}

  public static HostAnalyticsView compute(String hostId, ZoneId zone, Instant from, Instant to,
      List<BookingFact> facts, Instant asOf) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    List<BookingFact> inRange = facts.stream()
        .filter(f -> !f.start().isBefore(from) && f.start().isBefore(to))
        .toList();
    List<BookingFact> standing = inRange.stream().filter(f -> !f.cancelled()).toList();
    Counts counts = new Counts(standing.size(), inRange.size() - standing.size(),
        inRange.stream().filter(f -> f.reschedules() > 0).count());
    return new HostAnalyticsView(hostId, zone, from, to, counts, weeks(zone, from, to, inRange),
        reasons(inRange), leadTime(standing), weekdays(zone, standing), hours(zone, standing), asOf);
  }

  /** Monday of the ISO week that holds {@code instant} in {@code zone}. */
  public static LocalDate weekStart(ZoneId zone, Instant instant) {
    return instant.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static List<Week> weeks(ZoneId zone, Instant from, Instant to, List<BookingFact> facts) {
    Map<LocalDate, long[]> byWeek = new LinkedHashMap<>();
    LocalDate last = weekStart(zone, to.minusNanos(1));
    for (LocalDate week = weekStart(zone, from); !week.isAfter(last); week = week.plusWeeks(1)) {
      byWeek.put(week, new long[2]);
    }
    for (BookingFact fact : facts) {
      long[] bucket = byWeek.get(weekStart(zone, fact.start()));
      bucket[fact.cancelled() ? 1 : 0]++;
    }
    List<Week> weeks = new ArrayList<>(byWeek.size());
    byWeek.forEach((week, n) -> weeks.add(new Week(week, n[0], n[1])));
    return weeks;
  }

  private static List<ReasonCount> reasons(List<BookingFact> facts) {
    Map<String, Long> counts = new TreeMap<>();
    for (BookingFact fact : facts) {
      if (fact.cancelled()) {
        counts.merge(reason(fact.cancelReason()), 1L, Long::sum);
      }
    }
    List<ReasonCount> sorted = counts.entrySet().stream()
        .map(e -> new ReasonCount(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::reason))
        .toList();
    if (sorted.size() <= TOP_REASONS) {
      return sorted;
    }
    List<ReasonCount> top = new ArrayList<>(sorted.subList(0, TOP_REASONS));
    top.add(new ReasonCount(OTHER, sorted.subList(TOP_REASONS, sorted.size()).stream()
        .mapToLong(ReasonCount::count).sum()));
    return top;
  }

  static String reason(String given) {
    String trimmed = given == null ? "" : given.strip();
    return trimmed.isEmpty() ? NO_REASON : trimmed;
  }

  private static LeadTime leadTime(List<BookingFact> standing) {
    long[] minutes = standing.stream()
        .mapToLong(f -> Duration.between(f.bookedAt(), f.start()).toMinutes())
        .sorted()
        .toArray();
    return minutes.length == 0 ? new LeadTime(null, null)
        : new LeadTime(percentile(minutes, 50), percentile(minutes, 90));
  }

  /** Nearest rank over ascending values: the value at rank ceil(percent / 100 * n). */
  static long percentile(long[] ascending, int percent) {
    int rank = (int) Math.ceil(percent * ascending.length / 100.0);
    return ascending[Math.max(rank, 1) - 1];
  }

  private static List<WeekdayCount> weekdays(ZoneId zone, List<BookingFact> standing) {
    long[] n = new long[7];
    for (BookingFact fact : standing) {
      n[fact.start().atZone(zone).getDayOfWeek().getValue() - 1]++;
    }
    List<WeekdayCount> days = new ArrayList<>(7);
    for (DayOfWeek day : DayOfWeek.values()) {
      days.add(new WeekdayCount(day, n[day.getValue() - 1]));
    }
    return days;
  }

  private static List<HourCount> hours(ZoneId zone, List<BookingFact> standing) {
    long[] n = new long[24];
    for (BookingFact fact : standing) {
      ZonedDateTime local = fact.start().atZone(zone);
      n[local.getHour()]++;
    }
    List<HourCount> hours = new ArrayList<>(24);
    for (int hour = 0; hour < 24; hour++) {
      hours.add(new HourCount(hour, n[hour]));
    }
    return hours;
  }
}
