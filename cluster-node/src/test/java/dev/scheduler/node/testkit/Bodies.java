package dev.scheduler.node.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON request bodies the tests send, as maps. */
public final class Bodies {
  private Bodies() {}

  public static Map<String, Object> range(String start, String end) {
    return Map.of("start", start, "end", end);
  }

  /** The same ranges on every weekday from Monday to Friday. */
  public static Map<String, Object> weekdays(String zone, String start, String end) {
    Map<String, Object> weekly = new LinkedHashMap<>();
    for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
      weekly.put(day, List.of(range(start, end)));
    }
    return Map.of("timeZone", zone, "weekly", weekly, "overrides", List.of());
  }

  /** The same range on all seven days. */
  public static Map<String, Object> everyDay(String zone, String start, String end) {
    Map<String, Object> weekly = new LinkedHashMap<>();
    for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
      weekly.put(day, List.of(range(start, end)));
    }
    return Map.of("timeZone", zone, "weekly", weekly, "overrides", List.of());
  }

  public static Map<String, Object> eventType(int durationMinutes) {
    return Map.of("title", "Call of " + durationMinutes + " minutes", "durationMinutes", durationMinutes);
  }

  public static Map<String, Object> booking(String eventType, Object start, String inviteeZone) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventType", eventType);
    body.put("start", start.toString());
    body.put("invitee", Map.of("name", "Bo Invitee", "email", "bo@example.com", "timeZone", inviteeZone));
    body.put("notes", "Looking forward");
    return body;
  }
}
