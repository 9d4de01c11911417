package dev.scheduler.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** JSON shapes of event types. */
public final class EventTypeJson {
  private EventTypeJson() {}

  /**
   * All but title and duration are optional; the slot interval defaults to the duration. The
   * booking window is either {@code bookingWindowDays} (a rolling window, as before windows had
   * kinds) or {@code bookingWindow}, never both; without either it is 60 rolling days.
   */
  public record EventTypeRequest(
      String title,
      Integer durationMinutes,
      Integer slotIntervalMinutes,
      Integer bufferBeforeMinutes,
      Integer bufferAfterMinutes,
      Integer minimumNoticeMinutes,
      Integer bookingWindowDays,
      BookingWindowJson bookingWindow,
      Integer maxBookingsPerDay,
      Integer inviteeChangeCutoffMinutes,
      List<ReminderJson> reminders) {}

  /** {@code {"beforeMinutes": 60, "to": "invitee" | "host" | "both"}}; {@code to} defaults to both. */
  public record ReminderJson(Integer beforeMinutes, String to) {}

  /** {@code bookingWindowDays} repeats a rolling window's days for older clients; null for other kinds. */
  public record EventTypeResponse(
      String slug,
      String title,
      int durationMinutes,
      int slotIntervalMinutes,
      int bufferBeforeMinutes,
      int bufferAfterMinutes,
      int minimumNoticeMinutes,
      Integer bookingWindowDays,
      BookingWindowJson bookingWindow,
      Integer maxBookingsPerDay,
      int inviteeChangeCutoffMinutes,
      List<ReminderJson> reminders) {}

  /**
   * {@code {"kind": "rolling", "days": 30}}, {@code {"kind": "indefinite"}} or
   * {@code {"kind": "dateRange", "firstDate": "2027-01-04", "lastDate": "2027-01-29"}} (inclusive
   * dates of the schedule's zone).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BookingWindowJson(String kind, Integer days, String firstDate, String lastDate) {}

  public record EventTypesResponse(List<EventTypeResponse> eventTypes) {}
}
