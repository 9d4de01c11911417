package dev.scheduler.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** JSON shapes of bookings. */
public final class BookingJson {
  private BookingJson() {}

  public record InviteeJson(String name, String email, String timeZone) {}

  public record BookingRequest(String eventType, String start, InviteeJson invitee, String notes) {}

  public record CancelRequest(String reason) {}

  public record RescheduleRequest(String start) {}

  /** The booking's copy in the host's calendar: {@code pending}, {@code written} or {@code failed} (with a reason). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CalendarWriteJson(String calendar, String status, String reason, String at) {}

  /**
   * {@code bookingToken} is present only in the answer that created the booking; {@code calendarWrite}
   * only when the host has a calendar that receives bookings.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BookingResponse(
      String id,
      String hostId,
      String eventType,
      String start,
      String end,
      String status,
      InviteeJson invitee,
      String notes,
      String cancelReason,
      String createdAt,
      CalendarWriteJson calendarWrite,
      String bookingToken) {}

  public record BookingsResponse(List<BookingResponse> bookings) {}
}
