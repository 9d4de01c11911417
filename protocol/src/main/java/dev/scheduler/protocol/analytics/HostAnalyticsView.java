package dev.scheduler.protocol.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What the analytics route answers for one host and one range of meeting starts.
 *
 * @param asOf the journal write time of the newest event of this host the read side applied, or
 *     null when it applied none yet: writes acknowledged after it may be missing from the figures
 */
public record HostAnalyticsView(String hostId, ZoneId timeZone, Instant from, Instant to, Counts bookings,
    List<Week> perWeek, List<ReasonCount> cancellationReasons, LeadTime leadTimeMinutes,
    List<WeekdayCount> byWeekday, List<HourCount> byHour, Instant asOf) {

  public HostAnalyticsView {
    perWeek = List.copyOf(perWeek);
    cancellationReasons = List.copyOf(cancellationReasons);
    byWeekday = List.copyOf(byWeekday);
    byHour = List.copyOf(byHour);
  }

  /**
   * @param confirmed bookings in the range that still stand
   * @param cancelled bookings in the range that were cancelled
   * @param rescheduled bookings in the range moved at least once (whether they still stand or not)
   */
  public record Counts(long confirmed, long cancelled, long rescheduled) {}

  /** One ISO week (Monday to Sunday in the host's zone) and the bookings whose meeting starts in it. */
  public record Week(LocalDate weekStart, long confirmed, long cancelled) {}

  public record ReasonCount(String reason, long count) {}

  /** Minutes from booking to meeting start over the bookings that still stand; null when there are none. */
  public record LeadTime(Long median, Long p90) {}

  public record WeekdayCount(DayOfWeek day, long count) {}

  public record HourCount(int hour, long count) {}

  /** Nothing known (no read side, in route tests): zero counts and empty lists, asOf null. */
  public static HostAnalyticsView empty(String hostId, ZoneId zone, Instant from, Instant to) {
    return new HostAnalyticsView(hostId, zone, from, to, new Counts(0, 0, 0), List.of(), List.of(),
        new LeadTime(null, null), List.of(), List.of(), null);
  }
}
