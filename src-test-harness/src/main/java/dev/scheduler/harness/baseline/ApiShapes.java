package dev.scheduler.harness.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The node's JSON shapes, copied field for field so one client talks to both. */
final class ApiShapes {
  private ApiShapes() {}

  record CreateHostRequest(String name, String email, String timeZone) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HostResponse(String id, String name, String email, String timeZone, String apiToken) {}

  record ScheduleJson(String timeZone, Map<String, List<RangeJson>> weekly, List<OverrideJson> overrides) {}

  record RangeJson(String start, String end) {}

  record OverrideJson(String date, List<RangeJson> intervals) {}

  record EventTypeRequest(String title, Integer durationMinutes, Integer slotIntervalMinutes,
      Integer bufferBeforeMinutes, Integer bufferAfterMinutes, Integer minimumNoticeMinutes,
      Integer bookingWindowDays, Integer maxBookingsPerDay) {}

  /** {@code maxBookingsPerDay} is always null: the baselines have no daily limit. */
  record EventTypeResponse(String slug, String title, int durationMinutes, int slotIntervalMinutes,
      int bufferBeforeMinutes, int bufferAfterMinutes, int minimumNoticeMinutes, int bookingWindowDays,
      Integer maxBookingsPerDay) {}

  record InviteeJson(String name, String email, String timeZone) {}

  record BookingRequest(String eventType, String start, InviteeJson invitee, String notes) {}

  record CancelRequest(String reason) {}

  record RescheduleRequest(String start) {}

  /** {@code bookingToken} only in the answer to a booking (and to its idempotent retries). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BookingResponse(String id, String hostId, String eventType, String start, String end, String status,
      InviteeJson invitee, String notes, String cancelReason, String createdAt, String bookingToken) {}

  record SlotsResponse(String timeZone, int durationMinutes, List<Day> days) {}

  record Day(String date, List<SlotJson> slots) {}

  record SlotJson(String start, String end, String localStart) {}

  record ErrorResponse(String error, String message) {}
}
