package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Builds an event resource for the test-side API, shaped as a Google client would send it. */
public final class EventJson {
  private final ObjectNode node = GoogleJson.object();

  private EventJson() {}

  /** A timed event; a region zone (Europe/Berlin) is sent as timeZone, which series require. */
  public static EventJson timed(ZonedDateTime start, ZonedDateTime end) {
    EventJson event = new EventJson();
    event.node.set("start", dateTime(start));
    event.node.set("end", dateTime(end));
    return event;
  }

  /** An all-day event; end is exclusive, as in the API. */
  public static EventJson allDay(LocalDate start, LocalDate endExclusive) {
    EventJson event = new EventJson();
    event.node.set("start", GoogleJson.object().put("date", start.toString()));
    event.node.set("end", GoogleJson.object().put("date", endExclusive.toString()));
    return event;
  }

  public EventJson id(String id) {
    node.put("id", id);
    return this;
  }

  public EventJson summary(String summary) {
    node.put("summary", summary);
    return this;
  }

  /** confirmed, tentative or cancelled. */
  public EventJson status(String status) {
    node.put("status", status);
    return this;
  }

  /** Free time: the event does not block the calendar. */
  public EventJson transparent() {
    node.put("transparency", "transparent");
    return this;
  }

  /** default, outOfOffice, focusTime, workingLocation, ...; immutable once created at Google. */
  public EventJson eventType(String eventType) {
    node.put("eventType", eventType);
    return this;
  }

  /** Lines such as "RRULE:FREQ=WEEKLY;BYDAY=MO" or "EXDATE;TZID=Europe/Berlin:20240108T090000". */
  public EventJson recurrence(String... lines) {
    ArrayNode recurrence = node.putArray("recurrence");
    for (String line : lines) {
      recurrence.add(line);
    }
    return this;
  }

  /** responseStatus: needsAction, declined, tentative or accepted. */
  public EventJson attendee(String email, String responseStatus) {
    ArrayNode attendees = node.has("attendees") ? (ArrayNode) node.get("attendees")
        : node.putArray("attendees");
    attendees.add(GoogleJson.object().put("email", email).put("responseStatus", responseStatus));
    return this;
  }

  public ObjectNode toJson() {
    return node.deepCopy();
  }

  /** {dateTime with offset[, timeZone]}: a fixed offset is not an IANA zone, so it is not sent as one. */
  static ObjectNode dateTime(ZonedDateTime time) {
    ObjectNode edt = GoogleJson.object()
        .put("dateTime", time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    if (!(time.getZone() instanceof ZoneOffset)) {
      edt.put("timeZone", time.getZone().getId());
    }
    return edt;
  }
}
