package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.SingleNodeProcess;
import dev.scheduler.node.testkit.TestNodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write a node acknowledged is in the database when the node is killed with SIGKILL right
 * after the acknowledgement: the node runs as a process of its own, clients send many writes at
 * once, and the process is killed the moment the last answer arrives, with no pause. Several
 * rounds, each started again on the same data, so that a window of a few milliseconds between
 * "answered" and "in the file" would show. On the embedded H2 file (the default) and on PostgreSQL.
 */
@EnabledOnOs(OS.LINUX)
class AcknowledgedWritesSurviveSigkillTest {
  private static final int ROUNDS = 4;
  private static final int BOOKINGS_PER_ROUND = 40;
  private static final int CHANGES_PER_ROUND = 6;
  private static final String SLUG = "quick";
  private static final String SOURCE = "crm";

  @TempDir Path work;
  private HttpServer feed;
  private ExecutorService clients;

  @BeforeEach
  void startFeedAndClients() throws IOException {
    feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"
        .getBytes(StandardCharsets.UTF_8);
    feed.createContext("/feed.ics", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/calendar");
      exchange.sendResponseHeaders(200, calendar.length);
      exchange.getResponseBody().write(calendar);
      exchange.close();
    });
    feed.start();
    clients = Executors.newFixedThreadPool(16);
  }

  @AfterEach
  void stop() {
    feed.stop(0);
    clients.shutdownNow();
  }

  @Test
  void onTheEmbeddedH2File() {
    killRounds(SingleNodeProcess.embedded(work));
  }

  @Test
  void onPostgreSql() {
    killRounds(SingleNodeProcess.postgres(work, PostgresTestServer.shared(), "sigkill"));
  }

  private void killRounds(SingleNodeProcess node) {
    try (node) {
      Ledger ledger = new Ledger(LocalDate.now(Clock.systemUTC()).plusDays(10));
      node.start();
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ledger.setUp(api, "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.ics");
      killNow(node);
      for (int round = 0; round < ROUNDS; round++) {
        node.start();
        ledger.checkAll(api, node);
        runConcurrently(ledger.writesOfRound(api, round));
        killNow(node);
      }
      node.start();
      ledger.checkAll(api, node);
      ledger.checkEveryIdempotencyKeyAndSlot(api);
    }
  }

  private static void killNow(SingleNodeProcess node) {
    node.launcher().kill();
    assertThat(node.launcher().exitValue()).as("SIGKILL").isEqualTo(137);
  }

  // Returns when the last answer has arrived: the caller kills the node at once.
  private void runConcurrently(List<Supplier<ApiResponse>> writes) {
    List<CompletableFuture<ApiResponse>> answers = writes.stream()
        .map(write -> CompletableFuture.supplyAsync(write, clients))
        .toList();
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
  }

  /** What the node acknowledged so far, and so must still hold after any crash. */
  private static final class Ledger {
    private final LocalDate firstDay;
    private final List<Acknowledged> bookings = new ArrayList<>();
    private final List<Acknowledged> latest = new ArrayList<>();
    private String hostId;
    private String token;
    private String connectionId;
    private int nextSlot;

    Ledger(LocalDate firstDay) {
      this.firstDay = firstDay;
    }

    /** Host, token, schedule, event type, busy time and a calendar connection, one after the other. */
    void setUp(SchedulerApiClient api, String feedUrl) {
      ApiResponse host = api.createHost(TestNodes.ADMIN_TOKEN, "Kim Host", "kim@example.com", "UTC");
      expect(host, 201);
      hostId = host.json().get("id").asText();
      token = host.json().get("apiToken").asText();
      expect(api.putSchedule(hostId, token, Bodies.everyDay("UTC", "00:00", "24:00")), 200);
      expect(api.putEventType(hostId, token, SLUG, Map.of("title", "Quick", "durationMinutes", 15)), 200);
      expect(api.put("/api/v1/hosts/" + hostId + "/busy/" + SOURCE, token, Map.of("intervals",
          List.of(Map.of("start", busyStart().toString(), "end", busyStart().plus(1, ChronoUnit.HOURS).toString())))),
          200);
      ApiResponse connection = api.post("/api/v1/hosts/" + hostId + "/calendars/ics", token,
          Map.of("url", feedUrl), Map.of());
      expect(connection, 201);
      connectionId = connection.json().get("id").asText();
    }

    /** New bookings, and cancels and reschedules of earlier ones, all sent at once. */
    List<Supplier<ApiResponse>> writesOfRound(SchedulerApiClient api, int round) {
      latest.clear();
      List<Supplier<ApiResponse>> writes = new ArrayList<>();
      for (int i = 0; i < BOOKINGS_PER_ROUND; i++) {
        Instant start = slot(nextSlot++);
        String key = "round-" + round + "-booking-" + i;
        writes.add(() -> {
          ApiResponse booked = answered(() -> api.book(hostId, null, Bodies.booking(SLUG, start, "Europe/Paris"), key));
          expect(booked, 201);
          record(new Acknowledged(booked.json().get("id").asText(), key, start, "CONFIRMED", start));
          return booked;
        });
      }
      List<Acknowledged> earlier = confirmedSoFar();
      for (int i = 0; i < Math.min(CHANGES_PER_ROUND, earlier.size() / 2); i++) {
        Acknowledged toCancel = earlier.get(2 * i);
        Acknowledged toMove = earlier.get(2 * i + 1);
        Instant newStart = slot(nextSlot++);
        writes.add(() -> {
          ApiResponse cancelled = answered(() -> api.cancel(hostId, toCancel.id(), token, "round " + round));
          expect(cancelled, 200);
          replace(toCancel, toCancel.withStatus("CANCELLED"));
          return cancelled;
        });
        writes.add(() -> {
          ApiResponse moved = answered(() -> api.reschedule(hostId, toMove.id(), token, newStart));
          expect(moved, 200);
          replace(toMove, toMove.movedTo(newStart));
          return moved;
        });
      }
      return writes;
    }

    void checkAll(SchedulerApiClient api, SingleNodeProcess node) {
      String where = " after a restart of the " + node + "; log:\n" + node.logTail();
      expect(api.get("/api/v1/hosts/" + hostId, token), 200);
      ApiResponse schedule = api.get("/api/v1/hosts/" + hostId + "/schedule", token);
      assertThat(schedule.json().at("/weekly/SUNDAY/0/end").asText()).as("schedule" + where).isEqualTo("24:00");
      ApiResponse types = api.get("/api/v1/hosts/" + hostId + "/event-types", null);
      assertThat(types.json().at("/eventTypes/0/slug").asText()).as("event type" + where).isEqualTo(SLUG);
      assertThat(slotStarts(api)).as("busy time" + where)
          .doesNotContain(busyStart().toString()).contains(busyStart().minus(15, ChronoUnit.MINUTES).toString());
      ApiResponse calendars = api.get("/api/v1/hosts/" + hostId + "/calendars", token);
      assertThat(calendars.body()).as("calendar connection" + where).contains(connectionId);
      for (Acknowledged booking : snapshot()) {
        ApiResponse read = api.getBooking(hostId, booking.id(), token);
        assertThat(read.status()).as("booking %s%s", booking, where).isEqualTo(200);
        assertThat(read.json().get("status").asText()).as("status of %s%s", booking, where).isEqualTo(booking.status());
        assertThat(read.json().get("start").asText()).as("start of %s%s", booking, where)
            .isEqualTo(booking.start().toString());
      }
    }

    /** A retry with the same key answers the same booking; another booking of a taken slot is refused. */
    void checkEveryIdempotencyKeyAndSlot(SchedulerApiClient api) {
      assertThat(snapshot()).hasSize(ROUNDS * BOOKINGS_PER_ROUND);
      for (Acknowledged booking : snapshot()) {
        ApiResponse retried = api.book(hostId, null, Bodies.booking(SLUG, booking.bookedAt(), "Europe/Paris"),
            booking.key());
        assertThat(retried.status()).as("retry of %s: %s", booking, retried).isEqualTo(201);
        assertThat(retried.json().get("id").asText()).as("retry of %s", booking).isEqualTo(booking.id());
        if (booking.status().equals("CONFIRMED")) {
          ApiResponse again = api.book(hostId, null, Bodies.booking(SLUG, booking.start(), "UTC"), null);
          assertThat(again.status()).as("another booking at %s: %s", booking.start(), again).isEqualTo(409);
        }
      }
    }

    private List<String> slotStarts(SchedulerApiClient api) {
      LocalDate day = LocalDate.ofInstant(busyStart(), ZoneOffset.UTC);
      ApiResponse slots = api.slots(hostId, SLUG, day, day, "UTC");
      List<String> starts = new ArrayList<>();
      slots.json().at("/days/0/slots").forEach(s -> starts.add(s.get("start").asText()));
      return starts;
    }

    // Bookings fill whole days from firstDay on; the busy hour lies on a day before them.
    private Instant slot(int index) {
      return firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().plus(15L * index, ChronoUnit.MINUTES);
    }

    private Instant busyStart() {
      return firstDay.minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().plus(9, ChronoUnit.HOURS);
    }

    private synchronized void record(Acknowledged booking) {
      bookings.add(booking);
      latest.add(booking);
    }

    private synchronized void replace(Acknowledged before, Acknowledged after) {
      bookings.set(bookings.indexOf(before), after);
    }

    private synchronized List<Acknowledged> snapshot() {
      return List.copyOf(bookings);
    }

    private synchronized List<Acknowledged> confirmedSoFar() {
      return bookings.stream().filter(b -> b.status().equals("CONFIRMED")).toList();
    }

    /**
     * A 503 leaves the outcome unknown (a loaded machine can make an ask time out): a client sends
     * the same request again, which every one of these writes allows, until it is answered.
     */
    private static ApiResponse answered(Supplier<ApiResponse> write) {
      ApiResponse response = write.get();
      for (int attempt = 1; response.status() == 503 && attempt < 5; attempt++) {
        response = write.get();
      }
      return response;
    }

    private static void expect(ApiResponse response, int status) {
      assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }
  }

  /** A booking as last acknowledged: where it was booked (for retries) and where it is now. */
  private record Acknowledged(String id, String key, Instant bookedAt, String status, Instant start) {
    Acknowledged withStatus(String newStatus) {
      return new Acknowledged(id, key, bookedAt, newStatus, start);
    }

    Acknowledged movedTo(Instant newStart) {
      return new Acknowledged(id, key, bookedAt, status, newStart);
    }
  }
}
