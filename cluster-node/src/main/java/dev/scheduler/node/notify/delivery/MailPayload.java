package dev.scheduler.node.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scheduler.node.notify.mail.Party;
import java.time.Instant;

/**
 * What a booking mail says, as the outbox row keeps it (JSON in {@code payload}): the booking as
 * the journal told it at that event, the host and the event type's title as they were then. The
 * booking token is not kept: the manage link is made when the message is sent.
 *
 * @param eventType the event type's slug, whose reminders a reschedule plans again
 * @param sequence the iCalendar SEQUENCE: 0 when booked, one more per reschedule and cancel
 * @param reminderBeforeMinutes for a reminder, how long before the start it is due; else 0
 */
record MailPayload(String bookingId, String eventType, int sequence, String eventTitle, Instant start, Instant end,
    Party host, Party invitee, String notes, String cancelReason, int reminderBeforeMinutes) {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  MailPayload moved(Instant newStart, Instant newEnd) {
    return new MailPayload(bookingId, eventType, sequence + 1, eventTitle, newStart, newEnd, host, invitee, notes,
        cancelReason, 0);
  }

  MailPayload cancelled(String reason) {
    return new MailPayload(bookingId, eventType, sequence + 1, eventTitle, start, end, host, invitee, notes, reason, 0);
  }

  MailPayload reminder(int beforeMinutes) {
    return new MailPayload(bookingId, eventType, sequence, eventTitle, start, end, host, invitee, notes, cancelReason,
        beforeMinutes);
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A mail payload could not be written as JSON", e);
    }
  }

  static MailPayload fromJson(String json) {
    try {
      return JSON.readValue(json, MailPayload.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a mail payload: " + e.getOriginalMessage(), e);
    }
  }
}
