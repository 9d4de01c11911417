package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.ScheduleJson;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed schedules by host, reused while the stored JSON text is unchanged. The database stays the
 * truth (the text is read with every booking); this only saves re-parsing the same JSON each time.
 */
final class ScheduleCache {
  private record Entry(String json, WeeklySchedule schedule) {}

  private final Map<String, Entry> byHost = new ConcurrentHashMap<>();

  /** Null when the host has not published a schedule. */
  WeeklySchedule parse(String hostId, String json) {
    if (json == null) {
      return null;
    }
    Entry cached = byHost.get(hostId);
    if (cached != null && cached.json().equals(json)) {
      return cached.schedule();
    }
    WeeklySchedule schedule = WeeklySchedule.fromJson(JsonIo.read(json, ScheduleJson.class));
    byHost.put(hostId, new Entry(json, schedule));
    return schedule;
  }
}
