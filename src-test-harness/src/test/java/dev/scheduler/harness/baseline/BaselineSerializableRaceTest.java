package dev.scheduler.harness.baseline;

import static dev.scheduler.harness.baseline.BaselineFixture.booking;
import static dev.scheduler.harness.baseline.BaselineFixture.everyDay;
import static dev.scheduler.harness.baseline.BaselineFixture.parallel;
import static dev.scheduler.harness.baseline.BaselineFixture.statusCounts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.baseline.ApiShapes.InviteeJson;
import dev.scheduler.harness.baseline.BaselineFixture.Host;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hotspot load found SERIALIZABLE double-booking: PostgreSQL's SSI misses the conflict when the
 * overlap check reads a GiST index. A GiST search takes SIREAD locks only on the pages it visits, and
 * an insert checks for conflicts only on the pages it modifies; the insert modifies a parent page
 * only when it has to widen that parent's key. So when another insert (of another host at the same
 * time, or one that was rolled back) widened the key after a checker passed the parent by, the next
 * insert below that key touches only a leaf the checker never visited, and nothing connects the two.
 * {@link #theSerializableSchemaMakesSsiSeeTheCheckWhenAnotherInsertWidenedTheIndexMeanwhile} is
 * that interleaving, step by step; {@link #racesThatMoveOnToFreshSlotsNeverDoubleBook} is the
 * hotspot load's pattern through HTTP.
 */
class BaselineSerializableRaceTest {
  private static BaselineFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new BaselineFixture();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /**
   * Three sessions on SERIALIZABLE's own schema and statements, stepped one after another: S2
   * checks a slot of host-1 (free); S3 books another host at the same time and commits; S1 checks
   * the slot (free) and books it; S2 books it. Serially one of S1 and S2 would have seen the other,
   * so SSI must fail one of them with 40001. With the GiST index both committed.
   */
  @Test
  void theSerializableSchemaMakesSsiSeeTheCheckWhenAnotherInsertWidenedTheIndexMeanwhile() throws Exception {
    String url = fixture.postgres.createDatabase("ssi_widened");
    Strategy strategy = Strategy.SERIALIZABLE;
    try (Connection c = fixture.postgres.connect(url)) {
      BaselineSchema.reset(c, strategy);
      // Earlier bookings of five hosts, so that the index has more than one level.
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO " + strategy.schema() + ".bookings (id, host_id, event_type, start_at, end_at,"
            + " buffer_before_minutes, buffer_after_minutes, blocked, status, invitee_name, invitee_email,"
            + " invitee_time_zone, idempotency_key, request_hash, booking_token, created_at)"
            + " SELECT 'old-' || g, 'host-' || (g % 5), 'load', t, t + interval '30 minutes', 0, 10,"
            + " tstzrange(t, t + interval '40 minutes'), 'confirmed', 'Old', 'old@example.com', 'UTC',"
            + " 'old-' || g, 'hash', 'token', now()"
            + " FROM generate_series(1, 2000) g, LATERAL (SELECT '2027-01-01T00:00:00Z'::timestamptz"
            + " + g * interval '1 hour' AS t) x");
        s.execute("ANALYZE " + strategy.schema() + ".bookings");
      }
    }
    BookingSql sql = new BookingSql(strategy, new ScheduleCache());
    Instant slot = Instant.parse("2027-10-05T08:00:00Z");
    try (Connection s1 = serializable(url); Connection s2 = serializable(url); Connection s3 = serializable(url)) {
      Map<String, String> outcome = new HashMap<>();
      StoredBooking first = row("s1", "host-1", slot);
      StoredBooking second = row("s2", "host-1", slot);

      step(outcome, "S2", () -> assertThat(sql.overlapsConfirmed(s2, "host-1", second.blocked(), second.id())).isFalse());
      step(outcome, "S3", () -> sql.insert(s3, row("s3", "host-3", slot)));
      s3.commit();
      step(outcome, "S1", () -> assertThat(sql.overlapsConfirmed(s1, "host-1", first.blocked(), first.id())).isFalse());
      step(outcome, "S1", () -> sql.insert(s1, first));
      step(outcome, "S2", () -> sql.insert(s2, second));
      step(outcome, "S1", s1::commit);
      step(outcome, "S2", s2::commit);

      assertThat(outcome).as("one of the two must lose with 40001").hasSize(1).containsValue(
          Transactions.SERIALIZATION_FAILURE);
    }
    try (Connection c = fixture.postgres.connect(url); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + strategy.schema() + ".bookings WHERE host_id = 'host-1'"
            + " AND status = 'confirmed' AND blocked && tstzrange('2027-10-05T08:00:00Z', '2027-10-05T08:40:00Z')")) {
      rs.next();
      assertThat(rs.getLong(1)).as("confirmed bookings of host-1 at the slot").isEqualTo(1);
    }
  }

  /**
   * The hotspot load's pattern: five hosts, and 32 clients at once racing for three adjacent slots
   * (30 minutes and 10 minutes of buffer, so neighbours conflict) of each; then the race moves on to
   * the next fresh slots, round after round. No two confirmed bookings of a host may overlap.
   */
  @ParameterizedTest
  @EnumSource(Strategy.class)
  void racesThatMoveOnToFreshSlotsNeverDoubleBook(Strategy strategy) throws Exception {
    SchedulerApiClient api = fixture.api(strategy);
    List<Host> hosts = new ArrayList<>();
    for (int h = 0; h < 5; h++) {
      hosts.add(fixture.host(strategy, everyDay("UTC", "08:00", "20:00"), "load", Map.of("title", "Load",
          "durationMinutes", 30, "bufferAfterMinutes", 10)));
    }
    Instant firstDay = Instant.parse("2027-10-02T08:00:00Z");
    int rounds = 60;
    int clients = 32;
    Map<Integer, Integer> statuses = new HashMap<>();
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      // Seven races a day, 90 minutes apart: 08:00, 09:30, ... 17:00 (its last slot ends at 18:30).
      Instant base = firstDay.plus(Duration.ofDays(round / 7)).plus(Duration.ofMinutes(90L * (round % 7)));
      int r = round;
      List<ApiResponse> answers = parallel(clients, i -> api.book(hosts.get(i % hosts.size()).id(), null,
          booking("load", base.plus(Duration.ofMinutes(30L * ((i / hosts.size()) % 3))), "Racer " + r + "-" + i),
          "race-" + r + "-" + i));
      statusCounts(answers).forEach((status, n) -> statuses.merge(status, n, Integer::sum));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("fresh-slot races %d x %d, %s: %.1f s, %s, %s%n", rounds, clients, strategy, seconds, statuses,
        fixture.server(strategy).stats());

    assertThat(statuses.keySet()).as(strategy + " " + statuses).isSubsetOf(201, 409, 503);
    assertThat(statuses.get(201)).as(strategy + " bookings").isGreaterThan(rounds * hosts.size() / 2);
    assertThat(fixture.overlappingPairsInTable(strategy)).as(strategy + ": overlapping confirmed pairs").isZero();
    for (Host host : hosts) {
      BaselineFixture.replayWithoutOverlap(fixture.server(strategy).historySource().readAll().get(host.id()));
    }
  }

  @FunctionalInterface
  private interface SqlStep {
    void run() throws SQLException;
  }

  /** Runs one session's step; a failure rolls that session back and is kept as its outcome (SQLSTATE). */
  private static void step(Map<String, String> outcome, String session, SqlStep step) {
    if (outcome.containsKey(session)) {
      return;
    }
    try {
      step.run();
    } catch (SQLException e) {
      outcome.put(session, e.getSQLState());
    }
  }

  private static Connection serializable(String url) throws SQLException {
    Connection c = fixture.postgres.connect(url);
    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    c.setAutoCommit(false);
    return c;
  }

  private static StoredBooking row(String id, String hostId, Instant start) {
    return new StoredBooking(id, hostId, "load", start, start.plus(Duration.ofMinutes(30)), 0, 10, true,
        new InviteeJson("Racer " + id, id + "@example.com", "UTC"), null, null, "key-" + id, "hash", "token",
        BaselineFixture.NOW);
  }
}
