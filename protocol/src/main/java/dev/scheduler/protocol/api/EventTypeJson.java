package dev.scheduler.protocol.api;

import java.util.List;

/** JSON shapes of event types. */
public final class EventTypeJson {
  private EventTypeJson() {}

  /** All but title and duration are optional; the slot interval defaults to the duration. */
  public record EventTypeRequest(
      String title,
      Integer durationMinutes,
      Integer slotIntervalMinutes,
      Integer bufferBeforeMinutes,
      Integer bufferAfterMinutes,
      Integer minimumNoticeMinutes,
      Integer bookingWindowDays,
      Integer maxBookingsPerDay,
      Integer inviteeChangeCutoffMinutes) {}

  public record EventTypeResponse(
      String slug,
      String title,
      int durationMinutes,
      int slotIntervalMinutes,
      int bufferBeforeMinutes,
      int bufferAfterMinutes,
      int minimumNoticeMinutes,
      int bookingWindowDays,
      Integer maxBookingsPerDay,
      int inviteeChangeCutoffMinutes) {}

  public record EventTypesResponse(List<EventTypeResponse> eventTypes) {}
}
