package dev.scheduler.harness.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.audit.HistoryEvent;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * One database with every strategy's baseline on it, started once per test class, with the clock
 * fixed at {@link #NOW}; and the helpers the tests share (hosts, parallel requests, checks).
 */
final class BaselineFixture implements AutoCloseable {
  static final Instant NOW = Instant.parse("2027-10-01T00:00:00Z");
  static final String ADMIN = "baseline-test-admin";

  final PostgresTestServer postgres;
  final String jdbcUrl;
  private final Map<Strategy, BaselineServer> servers = new EnumMap<>(Strategy.class);

  BaselineFixture() throws Exception {
    postgres = PostgresTestServer.shared();
    jdbcUrl = postgres.createDatabase("baseline");
    BaselineServer.Options options = BaselineServer.Options.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    for (Strategy strategy : Strategy.values()) {
      servers.put(strategy, BaselineServer.start(strategy, jdbcUrl, postgres.user(), postgres.password(), 0, ADMIN,
          options));
    }
  }

  BaselineServer server(Strategy strategy) {
    return servers.get(strategy);
  }

  SchedulerApiClient api(Strategy strategy) {
    return new SchedulerApiClient(server(strategy).url());
  }

  @Override
  public void close() {
    servers.values().forEach(BaselineServer::close);
  }

  /** A host of its own with a schedule and one event type; every test makes fresh ones. */
  record Host(String id, String token) {}

  Host host(Strategy strategy, Map<String, Object> schedule, String slug, Map<String, Object> eventType) {
    SchedulerApiClient api = api(strategy);
    ApiResponse created = api.createHost(ADMIN, "Ann", "ann@example.com", "Europe/Amsterdam");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Host host = new Host(created.json().path("id").asText(), created.json().path("apiToken").asText());
    ApiResponse put = api.putSchedule(host.id(), host.token(), schedule);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    ApiResponse type = api.putEventType(host.id(), host.token(), slug, eventType);
    assertThat(type.status()).as(type.toString()).isEqualTo(200);
    return host;
  }

  /** Every day of the week, {@code start}-{@code end}, in {@code zone}. */
  static Map<String, Object> everyDay(String zone, String start, String end) {
    Map<String, Object> weekly = new LinkedHashMap<>();
    for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
      weekly.put(day, List.of(Map.of("start", start, "end", end)));
    }
    return Map.of("timeZone", zone, "weekly", weekly, "overrides", List.of());
  }

  static Map<String, Object> booking(String slug, Instant start, String invitee) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventType", slug);
    body.put("start", start.toString());
    body.put("invitee", Map.of("name", invitee, "email", invitee.replace(' ', '.') + "@example.com",
        "timeZone", "Europe/Paris"));
    body.put("notes", "from " + invitee);
    return body;
  }

  /** {@code count} requests released at the same moment, one thread each; answers in index order. */
  static List<ApiResponse> parallel(int count, IntFunction<ApiResponse> request) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch ready = new CountDownLatch(count);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ApiResponse>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(threads.submit(() -> {
          ready.countDown();
          go.await();
          return request.apply(index);
        }));
      }
      ready.await();
      go.countDown();
      List<ApiResponse> answers = new ArrayList<>();
      for (Future<ApiResponse> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  static Map<Integer, Integer> statusCounts(List<ApiResponse> answers) {
    Map<Integer, Integer> counts = new HashMap<>();
    answers.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
    return counts;
  }

  /** Pairs of confirmed bookings of one host whose blocked spans overlap, straight from the table. */
  long overlappingPairsInTable(Strategy strategy) throws Exception {
    return longQuery("SELECT count(*) FROM " + strategy.schema() + ".bookings a JOIN " + strategy.schema()
        + ".bookings b ON a.host_id = b.host_id AND a.id < b.id AND a.status = 'confirmed'"
        + " AND b.status = 'confirmed' AND a.blocked && b.blocked");
  }

  /** Confirmed bookings of a host in the table: id to start. */
  Map<String, Instant> confirmedInTable(Strategy strategy, String hostId) throws Exception {
    Map<String, Instant> confirmed = new HashMap<>();
    try (Connection c = postgres.connect(jdbcUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, start_at FROM " + strategy.schema()
            + ".bookings WHERE status = 'confirmed' AND host_id = '" + hostId + "'")) {
      while (rs.next()) {
        confirmed.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
      }
    }
    return confirmed;
  }

  long longQuery(String sql) throws Exception {
    try (Connection c = postgres.connect(jdbcUrl); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Replays one host's history the way an auditor would: every confirm and move must land on time
   * no other confirmed booking blocks. Returns the confirmed bookings at the end, id to start.
   */
  static Map<String, Instant> replayWithoutOverlap(List<HistoryEvent> events) {
    record Held(Instant start, Instant end, int before, int after) {
      Instant blockedStart() {
        return start.minusSeconds(60L * before);
      }

      Instant blockedEnd() {
        return end.plusSeconds(60L * after);
      }
    }
    Map<String, Held> confirmed = new LinkedHashMap<>();
    for (HistoryEvent event : events) {
      Held next;
      if (event instanceof HistoryEvent.Confirmed c) {
        next = new Held(c.start(), c.end(), c.bufferBeforeMinutes(), c.bufferAfterMinutes());
      } else if (event instanceof HistoryEvent.Rescheduled r) {
        Held old = confirmed.get(r.bookingId());
        assertThat(old).as("a move of a confirmed booking: " + r).isNotNull();
        next = new Held(r.start(), r.end(), old.before(), old.after());
      } else {
        assertThat(confirmed.remove(event.bookingId())).as("a cancel of a confirmed booking: " + event).isNotNull();
        continue;
      }
      for (Map.Entry<String, Held> other : confirmed.entrySet()) {
        if (!other.getKey().equals(event.bookingId())) {
          Held held = other.getValue();
          assertThat(next.blockedStart().isBefore(held.blockedEnd()) && held.blockedStart().isBefore(next.blockedEnd()))
              .as("%s overlaps confirmed booking %s %s", event, other.getKey(), held).isFalse();
        }
      }
      confirmed.put(event.bookingId(), next);
    }
    Map<String, Instant> starts = new HashMap<>();
    confirmed.forEach((id, held) -> starts.put(id, held.start()));
    return starts;
  }

  static String error(ApiResponse response) {
    JsonNode json = response.json();
    return json.path("error").asText();
  }
}
