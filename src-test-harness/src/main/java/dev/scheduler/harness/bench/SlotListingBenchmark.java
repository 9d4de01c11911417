package dev.scheduler.harness.bench;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Slot listings of 60 days for a host with five connected calendars of 150 events a month each,
 * against the same host with no calendar, on one running node, over HTTP. Busy time is loaded the
 * way a calendar sync delivers it (one busy source per calendar, replaced whole), so the listing
 * path is the one a host with connected calendars takes. Both hosts are measured interleaved in
 * one run, so the ratio is fair on a noisy machine.
 *
 * <p>Run against a node: {@code java -cp ... SlotListingBenchmark http://127.0.0.1:8080 ADMIN_TOKEN [rounds]}.
 */
public final class SlotListingBenchmark {
  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final int CALENDARS = 5;
  private static final int EVENTS_PER_MONTH = 150;
  private static final int DAYS = 60;

  private SlotListingBenchmark() {}

  public static void main(String[] args) {
    SchedulerApiClient api = new SchedulerApiClient(args[0]);
    String admin = args[1];
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    LocalDate first = LocalDate.now(ZONE).plusDays(1);

    List<Host> hosts = List.of(
        Host.create(api, admin, "no calendar"),
        Host.create(api, admin, "5 calendars, events anywhere"),
        Host.create(api, admin, "5 calendars, events off hours"));
    int[] intervals = {0, hosts.get(1).connectCalendars(first, new Random(7), false),
        hosts.get(2).connectCalendars(first, new Random(7), true)};

    for (int i = 0; i < rounds / 3; i++) {
      hosts.forEach(h -> h.timeListing(first));
    }
    long[][] nanos = new long[hosts.size()][rounds];
    for (int i = 0; i < rounds; i++) {
      for (int h = 0; h < hosts.size(); h++) {
        nanos[h][i] = hosts.get(h).timeListing(first);
      }
    }
    System.out.printf("Slot listing of %d days, %d rounds per host, interleaved%n", DAYS, rounds);
    for (int h = 0; h < hosts.size(); h++) {
      Arrays.sort(nanos[h]);
      System.out.printf("  %-30s %5d busy: median %6.2f ms, p90 %6.2f ms, p99 %6.2f ms, %4d slots, ratio to none: median %.2f, p99 %.2f%n",
          hosts.get(h).name, intervals[h], ms(nanos[h], 0.5), ms(nanos[h], 0.9), ms(nanos[h], 0.99),
          hosts.get(h).lastSlotCount, ms(nanos[h], 0.5) / ms(nanos[0], 0.5), ms(nanos[h], 0.99) / ms(nanos[0], 0.99));
    }
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))] / 1e6;
  }

  private static final class Host {
    private final SchedulerApiClient api;
    private final String name;
    private final String id;
    private final String token;
    private int lastSlotCount;

    private Host(SchedulerApiClient api, String name, String id, String token) {
      this.api = api;
      this.name = name;
      this.id = id;
      this.token = token;
    }

    static Host create(SchedulerApiClient api, String admin, String name) {
      ApiResponse created = api.createHost(admin, name, "bench@example.com", ZONE.getId());
      check(created, 201);
      Host host = new Host(api, name, created.json().get("id").asText(), created.json().get("apiToken").asText());
      Map<String, Object> weekly = new LinkedHashMap<>();
      for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
        weekly.put(day, List.of(Map.of("start", "09:00", "end", "12:00"), Map.of("start", "13:00", "end", "17:30")));
      }
      check(api.putSchedule(host.id, host.token, Map.of("timeZone", ZONE.getId(), "weekly", weekly)), 200);
      check(api.putEventType(host.id, host.token, "call", Map.of("title", "Call", "durationMinutes", 30,
          "slotIntervalMinutes", 15, "bufferAfterMinutes", 5, "bookingWindowDays", 90)), 200);
      return host;
    }

    /**
     * Five sources of 150 events a month over the listed window, as five calendar syncs would
     * deliver. {@code offHours}: all between 18:00 and 08:00, so they block no slot but every slot
     * is still checked against them, which isolates the cost of busy time from the size of the answer.
     */
    int connectCalendars(LocalDate first, Random random, boolean offHours) {
      int total = 0;
      int events = EVENTS_PER_MONTH * DAYS / 30;
      for (int calendar = 0; calendar < CALENDARS; calendar++) {
        List<Map<String, String>> intervals = new ArrayList<>();
        for (int e = 0; e < events; e++) {
          // Calendars hold evenings and weekends too; meetings last 15 to 60 minutes.
          int hour = offHours ? (18 + random.nextInt(13)) % 24 : random.nextInt(24);
          ZonedDateTime start = first.plusDays(random.nextInt(DAYS)).atTime(hour, 15 * random.nextInt(4)).atZone(ZONE);
          Duration length = Duration.ofMinutes(15 * (1 + random.nextInt(4)));
          Instant end = offHours && hour == 7 ? start.toInstant().plus(Duration.ofMinutes(15))
              : start.toInstant().plus(length);
          intervals.add(Map.of("start", start.toInstant().toString(), "end", end.toString()));
        }
        check(api.put("/api/v1/hosts/" + id + "/busy/calendar-" + calendar, token, Map.of("intervals", intervals)), 200);
        total += intervals.size();
      }
      return total;
    }

    long timeListing(LocalDate first) {
      long start = System.nanoTime();
      ApiResponse slots = api.slots(id, "call", first, first.plusDays(DAYS - 1), null);
      long elapsed = System.nanoTime() - start;
      check(slots, 200);
      int count = 0;
      for (var day : slots.json().get("days")) {
        count += day.get("slots").size();
      }
      lastSlotCount = count;
      return elapsed;
    }

    private static void check(ApiResponse response, int status) {
      if (response.status() != status) {
        throw new IllegalStateException("expected " + status + ": " + response);
      }
    }
  }
}
