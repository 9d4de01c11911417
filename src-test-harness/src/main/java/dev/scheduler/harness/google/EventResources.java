package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Google's validation of event bodies, the fields its server fills in, and how it renders events. */
final class EventResources {
  private static final Set<String> STATUSES = Set.of("confirmed", "tentative", "cancelled");
  private static final Set<String> TRANSPARENCIES = Set.of("opaque", "transparent");
  private static final Set<String> RESPONSES =
      Set.of("needsAction", "declined", "tentative", "accepted");
  /** Fields the client may send but only the server decides. */
  private static final Set<String> SERVER_FIELDS =
      Set.of("kind", "etag", "htmlLink", "created", "updated", "creator", "organizer");

  private EventResources() {}

  /** The checks events.insert/update/patch apply to the resulting resource. */
  static void validate(ObjectNode event, ZoneId calendarZone) {
    JsonNode recurrence = event.get("recurrence");
    boolean recurring = recurrence != null && recurrence.isArray() && !recurrence.isEmpty();
    EventTime.validate(event, recurring);
    checkEnum(event, "status", STATUSES);
    checkEnum(event, "transparency", TRANSPARENCIES);
    JsonNode attendees = event.get("attendees");
    if (attendees != null && attendees.isArray()) {
      for (JsonNode attendee : attendees) {
        if (GoogleJson.text(attendee, "email") == null) {
          throw GoogleApiException.of(400, "required").withMessage("Missing attendee email.");
        }
        checkEnum(attendee, "responseStatus", RESPONSES);
      }
    }
    if (recurring) {
      RecurrenceSet.of(event, calendarZone);
    }
  }

  /**
   * The stored form of a written body: client values, with server fields set as Google sets them.
   * previous is the resource being replaced, or null for a new event.
   */
  static ObjectNode stored(ObjectNode body, ObjectNode previous, String id,
      CalendarStore.FakeCalendar calendar, Instant updated) {
    ObjectNode event = body.deepCopy();
    SERVER_FIELDS.forEach(event::remove);
    String timestamp = GoogleJson.timestamp(updated);
    event.put("kind", "calendar#event");
    event.put("etag", "\"" + (updated.toEpochMilli() * 1000) + "\"");
    event.put("id", id);
    if (GoogleJson.text(event, "status") == null) {
      event.put("status", "confirmed");
    }
    event.put("htmlLink", "https://www.google.com/calendar/event?eid=" + Base64.getUrlEncoder()
        .withoutPadding().encodeToString((id + " " + calendar.id).getBytes(StandardCharsets.UTF_8)));
    event.put("created", previous == null ? timestamp : GoogleJson.text(previous, "created"));
    event.put("updated", timestamp);
    event.set("creator", previous == null ? person(calendar.owner)
        : previous.get("creator").deepCopy());
    event.set("organizer", previous == null ? person(calendar.id)
        : previous.get("organizer").deepCopy());
    if (GoogleJson.text(event, "iCalUID") == null) {
      event.put("iCalUID", previous != null && GoogleJson.text(previous, "iCalUID") != null
          ? GoogleJson.text(previous, "iCalUID") : id + "@google.com");
    }
    int sequence = previous == null || !previous.has("sequence") ? 0 : previous.get("sequence").asInt();
    boolean rescheduled = previous != null && (!previous.path("start").equals(event.get("start"))
        || !previous.path("end").equals(event.get("end"))
        || !previous.path("recurrence").equals(event.path("recurrence")));
    event.put("sequence", rescheduled ? sequence + 1 : sequence);
    if (!event.has("reminders")) {
      event.set("reminders", GoogleJson.object().put("useDefault", true));
    }
    if (!event.has("eventType")) {
      event.put("eventType", "default");
    }
    return event;
  }

  /** RFC 7396 merge as Google's patch does it: objects merge, arrays and scalars replace, null clears. */
  static ObjectNode merged(ObjectNode target, ObjectNode patch) {
    ObjectNode result = target.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      JsonNode current = result.get(field.getKey());
      if (value.isNull()) {
        result.remove(field.getKey());
      } else if (value.isObject() && current != null && current.isObject()) {
        result.set(field.getKey(), merged((ObjectNode) current, (ObjectNode) value));
      } else {
        result.set(field.getKey(), value.deepCopy());
      }
    }
    return result;
  }

  /** A live event as the API returns it: "self" marks the calendar's own attendee. */
  static ObjectNode rendered(ObjectNode stored, CalendarStore.FakeCalendar calendar) {
    ObjectNode event = stored.deepCopy();
    markSelf(event.get("creator"), calendar.owner);
    markSelf(event.get("organizer"), calendar.id);
    JsonNode attendees = event.get("attendees");
    if (attendees != null) {
      attendees.forEach(a -> markSelf(a, calendar.id));
    }
    return event;
  }

  /**
   * A cancelled item as list and sync return it: Google guarantees only the id, plus
   * recurringEventId and originalStartTime for an instance, so the fake sends no more.
   */
  static ObjectNode renderedCancelled(ObjectNode stored) {
    ObjectNode event = GoogleJson.object().put("kind", "calendar#event");
    event.put("etag", GoogleJson.text(stored, "etag")).put("id", GoogleJson.text(stored, "id"))
        .put("status", "cancelled");
    if (stored.has("recurringEventId")) {
      event.put("recurringEventId", GoogleJson.text(stored, "recurringEventId"));
      event.set("originalStartTime", stored.get("originalStartTime").deepCopy());
    }
    return event;
  }

  private static ObjectNode person(String email) {
    return GoogleJson.object().put("email", email);
  }

  private static void markSelf(JsonNode person, String selfEmail) {
    if (person instanceof ObjectNode node) {
      if (selfEmail.equalsIgnoreCase(GoogleJson.text(node, "email"))) {
        node.put("self", true);
      } else {
        node.remove("self");
      }
    }
  }

  private static void checkEnum(JsonNode node, String field, Set<String> allowed) {
    String value = GoogleJson.text(node, field);
    if (value != null && !allowed.contains(value)) {
      throw GoogleApiException.of(400, "invalid").withMessage("Invalid value for: " + field);
    }
  }
}
