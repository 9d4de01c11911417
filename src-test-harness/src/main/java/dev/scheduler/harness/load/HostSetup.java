package dev.scheduler.harness.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Creates a scenario's hosts through the API, the same way on any system that speaks it: host,
 * weekly schedule, event type, then the slots it lists (the load books only starts the system
 * itself offered).
 */
final class HostSetup {
  private static final int ATTEMPTS = 5;

  private HostSetup() {}

  static List<HostFixture> createHosts(LoadTarget target, ScenarioOptions options, int count)
      throws IOException, InterruptedException {
    List<SchedulerApiClient> clients = target.nodes().stream().map(n -> new SchedulerApiClient(n.toString())).toList();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.setupParallelism(), count)));
    try {
      List<Future<HostFixture>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> createHost(clients.get(index % clients.size()), target, options, tag, index)));
      }
      List<HostFixture> hosts = new ArrayList<>();
      for (Future<HostFixture> future : futures) {
        try {
          hosts.add(future.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof IOException io ? io : new IOException("setting up hosts failed: " + cause, cause);
        }
      }
      return hosts;
    } finally {
      pool.shutdownNow();
    }
  }

  static HostFixture createHost(SchedulerApiClient api, LoadTarget target, ScenarioOptions options, String tag,
      int index) throws IOException, InterruptedException {
    String zone = options.zone().getId();
    JsonNode created = call("create host", 201, () -> api.createHost(target.adminToken(), "Load host " + index,
        "load-" + tag + "-" + index + "@example.com", zone)).json();
    String hostId = created.path("id").asText();
    String token = created.path("apiToken").asText();

    Map<String, Object> weekly = new LinkedHashMap<>();
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      weekly.put(day.name().toUpperCase(Locale.ROOT), List.of(Map.of("start", "08:00", "end", "20:00")));
    }
    call("set schedule", 200, () -> api.putSchedule(hostId, token,
        Map.of("timeZone", zone, "weekly", weekly, "overrides", List.of())));

    Map<String, Object> eventType = new LinkedHashMap<>();
    eventType.put("title", "Load");
    eventType.put("durationMinutes", options.durationMinutes());
    eventType.put("bufferBeforeMinutes", 0);
    eventType.put("bufferAfterMinutes", options.bufferAfterMinutes());
    eventType.put("minimumNoticeMinutes", 0);
    eventType.put("bookingWindowDays", 365);
    call("save event type", 200, () -> api.putEventType(hostId, token, ScenarioOptions.EVENT_TYPE, eventType));

    LocalDate first = options.firstDateOrTomorrow();
    JsonNode listing = call("list slots", 200, () -> api.slots(hostId, ScenarioOptions.EVENT_TYPE, first,
        first.plusDays(options.days() - 1L), zone)).json();
    List<Instant> slots = new ArrayList<>();
    for (JsonNode day : listing.path("days")) {
      for (JsonNode slot : day.path("slots")) {
        slots.add(Instant.parse(slot.path("start").asText()));
      }
    }
    slots.sort(null);
    return new HostFixture(hostId, token, slots);
  }

  /** Retries what may be passing trouble (5xx, no answer); fails on any other unexpected status. */
  private static ApiResponse call(String what, int expected, Supplier<ApiResponse> request)
      throws IOException, InterruptedException {
    String last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        ApiResponse response = request.get();
        if (response.status() == expected) {
          return response;
        }
        last = response.toString();
        if (response.status() < 500) {
          break;
        }
      } catch (UncheckedIOException e) {
        last = e.getMessage();
      }
      Thread.sleep(200L * attempt);
    }
    throw new IOException("setup: " + what + " failed: " + last);
  }
}
