package dev.scheduler.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.scheduler.protocol.notify.NotificationView;
import java.time.Instant;
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
   * only when the host has a calendar that receives bookings. {@code revision} counts the reschedules and
   * the cancel: the {@code SEQUENCE} of the booking's invitations.
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
      String bookingToken,
      int revision) {}

  public record BookingsResponse(List<BookingResponse> bookings) {}

  /** One message sent (or waiting, or failed) about a booking; which side it went to, never an address. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NotificationJson(String channel, String kind, String to, String state, int attempts,
      String lastError, String createdAt, String nextAttemptAt) {}

  /** A booking as {@code GET .../bookings/{id}} shows it: its fields, then its notifications. */
  public record BookingWithNotifications(@JsonUnwrapped BookingResponse booking,
      List<NotificationJson> notifications) {}

  public static BookingWithNotifications withNotifications(BookingResponse booking, List<NotificationView> sent) {
    return new BookingWithNotifications(booking, sent.stream()
        .map(n -> new NotificationJson(n.channel(), n.kind(), n.to(), n.state(), n.attempts(), n.lastError(),
            text(n.createdAt()), text(n.nextAttemptAt())))
        .toList());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
