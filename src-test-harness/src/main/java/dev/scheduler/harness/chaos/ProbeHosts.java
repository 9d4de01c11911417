package dev.scheduler.harness.chaos;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates hosts open around the clock with one 30-minute event type, for the recovery probe (or
 * any test that needs bookable hosts). Hosts are spread over the nodes so that their calendars
 * land in shards all over the cluster.
 */
public final class ProbeHosts {
  public static final String EVENT_TYPE = "chaos-probe";

  private ProbeHosts() {}

  public static List<RecoveryProbe.Target> create(ClusterControl cluster, String namePrefix, int count) {
    List<RecoveryProbe.Target> targets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SchedulerApiClient api = new SchedulerApiClient(cluster.nodeUrls().get(i % cluster.size()).toString());
      ApiResponse host = succeeded(api.createHost(cluster.adminToken(), namePrefix + " " + i,
          namePrefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + i + "@example.com", "UTC"));
      String hostId = host.json().path("id").asText();
      String token = host.json().path("apiToken").asText();
      succeeded(api.putSchedule(hostId, token, aroundTheClock()));
      succeeded(api.putEventType(hostId, token, EVENT_TYPE,
          Map.of("title", "Chaos probe", "durationMinutes", 30)));
      targets.add(new RecoveryProbe.Target(hostId, EVENT_TYPE));
    }
    return List.copyOf(targets);
  }

  private static Map<String, Object> aroundTheClock() {
    Map<String, Object> weekly = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.put(day.name(), List.of(Map.of("start", "00:00", "end", "24:00")));
    }
    return Map.of("timeZone", "UTC", "weekly", weekly, "overrides", List.of());
  }

  private static ApiResponse succeeded(ApiResponse response) {
    if (!response.isSuccess()) {
      throw new IllegalStateException("setting up a probe host failed: " + response);
    }
    return response;
  }
}
