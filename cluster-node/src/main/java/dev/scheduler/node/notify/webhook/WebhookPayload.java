package dev.scheduler.node.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The body of a delivery and the booking it carries. Pure: times are given, nothing is read.
 *
 * <pre>{"id":"&lt;host id&gt;-&lt;journal seq nr&gt;","type":"booking.cancelled","time":"2027-03-01T13:05:00Z",
 *  "booking":{"id":..,"hostId":..,"eventType":..,"start":..,"end":..,"status":"CANCELLED",
 *             "invitee":{"name":..,"email":..,"timeZone":..},"notes":..,"cancelReason":..,"createdAt":..}}</pre>
 */
public final class WebhookPayload {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WebhookPayload() {}

  /** The booking as just confirmed. */
  public static String booking(String hostId, Booking booking) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("id", booking.id());
    json.put("hostId", hostId);
    json.put("eventType", booking.eventType());
    json.put("start", booking.start().toString());
    json.put("end", booking.end().toString());
    json.put("status", booking.status().name());
    ObjectNode invitee = json.putObject("invitee");
    invitee.put("name", booking.invitee().name());
    invitee.put("email", booking.invitee().email());
    invitee.put("timeZone", booking.invitee().timeZone().getId());
    json.put("notes", booking.notes());
    json.put("cancelReason", booking.cancelReason());
    json.put("createdAt", booking.createdAt().toString());
    return write(json);
  }

  /** The booking moved to a new time. */
  public static String moved(String bookingJson, Instant start, Instant end) {
    ObjectNode json = read(bookingJson);
    json.put("start", start.toString());
    json.put("end", end.toString());
    return write(json);
  }

  /** The booking cancelled with a reason. */
  public static String cancelled(String bookingJson, String reason) {
    ObjectNode json = read(bookingJson);
    json.put("status", BookingStatus.CANCELLED.name());
    json.put("cancelReason", reason);
    return write(json);
  }

  /** The body sent: event id, type, time of the change, and the booking after it. */
  public static String event(String eventId, WebhookEventType type, Instant time, String bookingJson) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("id", eventId);
    json.put("type", type.wireName());
    json.put("time", time.toString());
    json.set("booking", read(bookingJson));
    return write(json);
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(ObjectNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
