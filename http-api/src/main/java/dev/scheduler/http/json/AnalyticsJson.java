package dev.scheduler.http.json;

import dev.scheduler.protocol.analytics.HostAnalyticsView;
import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/v1/hosts/{hostId}/analytics}: times as ISO-8601 text, as elsewhere. */
public record AnalyticsJson(String hostId, String timeZone, String from, String to, Counts bookings,
    List<Week> perWeek, List<Reason> cancellationReasons, LeadTime leadTimeMinutes, List<Weekday> byWeekday,
    List<Hour> byHour, String asOf) {

  public record Counts(long confirmed, long cancelled, long rescheduled) {}

  public record Week(String weekStart, long confirmed, long cancelled) {}

  public record Reason(String reason, long count) {}

  public record LeadTime(Long median, Long p90) {}

  public record Weekday(String day, long count) {}

  public record Hour(int hour, long count) {}

  public static AnalyticsJson of(HostAnalyticsView view) {
    var counts = view.bookings();
    return new AnalyticsJson(view.hostId(), view.timeZone().getId(), text(view.from()), text(view.to()),
        new Counts(counts.confirmed(), counts.cancelled(), counts.rescheduled()),
        view.perWeek().stream().map(w -> new Week(w.weekStart().toString(), w.confirmed(), w.cancelled())).toList(),
        view.cancellationReasons().stream().map(r -> new Reason(r.reason(), r.count())).toList(),
        new LeadTime(view.leadTimeMinutes().median(), view.leadTimeMinutes().p90()),
        view.byWeekday().stream().map(d -> new Weekday(d.day().name(), d.count())).toList(),
        view.byHour().stream().map(h -> new Hour(h.hour(), h.count())).toList(),
        text(view.asOf()));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
