package dev.scheduler.http.json;

import java.util.List;

/** JSON shapes of a host's external calendar connections. Tokens never appear here. */
public final class CalendarJson {
  private CalendarJson() {}

  public record IcsRequest(String url) {}

  /** Either may be left out to keep it as it is. */
  public record ConnectionSettingsRequest(Boolean countsForConflicts, Boolean receivesBookings) {}

  /**
   * {@code lastSuccessfulSync} tells the age of the busy time in use: a degraded or disconnected
   * connection keeps blocking what it last saw.
   */
  public record ConnectionResponse(
      String id,
      String provider,
      String label,
      String calendarId,
      String account,
      String status,
      String connectedAt,
      String lastSuccessfulSync,
      String lastError,
      String lastErrorAt,
      int busyIntervals,
      Boolean countsForConflicts,
      Boolean receivesBookings,
      String nextRetryAt) {}

  public record ConnectionsResponse(List<ConnectionResponse> calendars) {}

  public record ConnectUrlResponse(String authorizationUrl) {}

  /** Connects another calendar of a connected account; no second consent needed. */
  public record AccountCalendarRequest(String calendarId) {}

  /** {@code connectionId}: the host's connection of that calendar, or null when it is not connected. */
  public record AccountCalendarJson(String calendarId, String summary, boolean primary, String accessRole,
      String timeZone, String connectionId) {}

  public record AccountCalendarsResponse(String account, List<AccountCalendarJson> calendars) {}
}
