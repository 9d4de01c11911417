package dev.scheduler.node.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads event types written before booking windows had kinds. Version 1 of an event type held
 * {@code "bookingWindowDays": n}; version 2 holds {@code "bookingWindow": {"kind": "ROLLING",
 * "days": n}} instead. {@code serialization.conf} registers this migration for every message
 * that carries event types: the event and the snapshot in journals, and the command and replies
 * that cross nodes. Each of them holds its event types in one of three places, read here by shape:
 * the message is the event type itself ({@code slug}), or holds one ({@code eventType}), or holds
 * several by slug or in a list ({@code eventTypes}).
 */
public final class EventTypeMigration extends JacksonMigration {
  private static final String OLD_FIELD = "bookingWindowDays";

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion < 2) {
      if (json.has("slug")) {
        upgrade(json);
      }
      upgrade(json.get("eventType"));
      JsonNode several = json.get("eventTypes");
      if (several != null) {
        several.forEach(EventTypeMigration::upgrade);
      }
    }
    return json;
  }

  private static void upgrade(JsonNode eventType) {
    if (eventType instanceof ObjectNode type && type.has(OLD_FIELD) && !type.has("bookingWindow")) {
      ObjectNode window = type.putObject("bookingWindow");
      window.put("kind", "ROLLING");
      window.set("days", type.remove(OLD_FIELD));
    }
  }
}
