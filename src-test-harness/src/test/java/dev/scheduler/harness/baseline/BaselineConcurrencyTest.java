package dev.scheduler.harness.baseline;

import static dev.scheduler.harness.baseline.BaselineFixture.booking;
import static dev.scheduler.harness.baseline.BaselineFixture.everyDay;
import static dev.scheduler.harness.baseline.BaselineFixture.parallel;
import static dev.scheduler.harness.baseline.BaselineFixture.statusCounts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.audit.HistoryEvent;
import dev.scheduler.harness.baseline.BaselineFixture.Host;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every strategy under real concurrent HTTP: one winner per slot, no overlap in the table or the history. */
class BaselineConcurrencyTest {
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

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void twoHundredRequestsForOneSlotMakeExactlyOneBooking(Strategy strategy) throws Exception {
    Host host = fixture.host(strategy, everyDay("UTC", "08:00", "20:00"), "call", Map.of("title", "Call",
        "durationMinutes", 30));
    SchedulerApiClient api = fixture.api(strategy);
    Instant slot = Instant.parse("2027-10-05T10:00:00Z");
    BaselineStats.Snapshot before = fixture.server(strategy).stats();

    List<ApiResponse> answers = parallel(200, i -> api.book(host.id(), null, booking("call", slot, "Invitee " + i), null));

    assertThat(statusCounts(answers)).as(strategy + ": " + answers.stream().filter(a -> a.status() != 409
        && a.status() != 201).toList()).isEqualTo(Map.of(201, 1, 409, 199));
    assertThat(answers.stream().filter(a -> a.status() == 409).map(BaselineFixture::error).distinct())
        .containsExactly("slot_unavailable");
    ApiResponse winner = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow();
    assertThat(winner.json().path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(winner.json().path("end").asText()).isEqualTo("2027-10-05T10:30:00Z");
    assertThat(fixture.confirmedInTable(strategy, host.id())).containsOnlyKeys(winner.json().path("id").asText());
    List<HistoryEvent> history = fixture.server(strategy).historySource().readAll().get(host.id());
    assertThat(history).singleElement().isInstanceOf(HistoryEvent.Confirmed.class);

    BaselineStats.Snapshot after = fixture.server(strategy).stats();
    assertThat(after.bookings() - before.bookings()).isEqualTo(1);
    assertThat(after.conflicts() - before.conflicts()).isEqualTo(199);
    System.out.println("same slot x200, " + strategy + ": " + delta(before, after));
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void overlappingBookingsMovesAndCancelsNeverDoubleBook(Strategy strategy) throws Exception {
    Host host = fixture.host(strategy, everyDay("UTC", "08:00", "20:00"), "buffered", Map.of("title", "Buffered",
        "durationMinutes", 30, "slotIntervalMinutes", 15, "bufferBeforeMinutes", 10, "bufferAfterMinutes", 5));
    SchedulerApiClient api = fixture.api(strategy);
    List<Instant> grid = grid(Instant.parse("2027-10-05T08:00:00Z"), Instant.parse("2027-10-06T20:00:00Z"));
    Random random = new Random(strategy.ordinal() * 31L + 7);
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      starts.add(grid.get(random.nextInt(grid.size())));
    }
    BaselineStats.Snapshot before = fixture.server(strategy).stats();

    List<ApiResponse> booked = parallel(200, i -> api.book(host.id(), null,
        booking("buffered", starts.get(i), "Invitee " + i), "key-" + i));

    assertThat(statusCounts(booked).keySet()).as(strategy + " " + statusCounts(booked)).containsOnly(201, 409);
    Map<String, String> tokens = new HashMap<>();
    booked.stream().filter(a -> a.status() == 201)
        .forEach(a -> tokens.put(a.json().path("id").asText(), a.json().path("bookingToken").asText()));
    assertThat(tokens).hasSizeGreaterThan(10);
    assertThat(fixture.overlappingPairsInTable(strategy)).isZero();
    assertThat(fixture.confirmedInTable(strategy, host.id())).containsOnlyKeys(tokens.keySet());
    assertThat(replayed(strategy, host)).isEqualTo(fixture.confirmedInTable(strategy, host.id()));

    List<String> ids = new ArrayList<>(tokens.keySet());
    List<ApiResponse> changed = parallel(ids.size(), i -> i % 3 == 0
        ? api.cancel(host.id(), ids.get(i), tokens.get(ids.get(i)), "changed my mind")
        : api.reschedule(host.id(), ids.get(i), tokens.get(ids.get(i)), grid.get(random(i).nextInt(grid.size()))));

    assertThat(statusCounts(changed).keySet()).as(strategy + " " + statusCounts(changed)).containsOnly(200, 409);
    assertThat(fixture.overlappingPairsInTable(strategy)).isZero();
    Map<String, Instant> table = fixture.confirmedInTable(strategy, host.id());
    assertThat(replayed(strategy, host)).isEqualTo(table);
    Set<String> cancelled = new java.util.HashSet<>();
    for (int i = 0; i < ids.size(); i += 3) {
      cancelled.add(ids.get(i));
    }
    assertThat(table.keySet()).doesNotContainAnyElementsOf(cancelled).hasSize(ids.size() - cancelled.size());
    System.out.println("random overlapping x200 + moves, " + strategy + ": " + delta(before, fixture.server(strategy).stats()));
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void anIdempotentRetryReturnsTheSameBookingEvenWhenSentTwentyTimesAtOnce(Strategy strategy) throws Exception {
    Host host = fixture.host(strategy, everyDay("UTC", "08:00", "20:00"), "call", Map.of("title", "Call",
        "durationMinutes", 30));
    SchedulerApiClient api = fixture.api(strategy);
    Map<String, Object> body = booking("call", Instant.parse("2027-10-07T09:00:00Z"), "Bo");

    List<ApiResponse> answers = parallel(20, i -> api.book(host.id(), null, body, "order-1"));

    assertThat(statusCounts(answers)).as(strategy + " " + answers).isEqualTo(Map.of(201, 20));
    assertThat(answers.stream().map(a -> a.json().path("id").asText()).distinct()).hasSize(1);
    assertThat(answers.stream().map(a -> a.json().path("bookingToken").asText()).distinct()).hasSize(1);
    ApiResponse again = api.book(host.id(), null, body, "order-1");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("id").asText()).isEqualTo(answers.get(0).json().path("id").asText());

    Map<String, Object> other = booking("call", Instant.parse("2027-10-07T11:00:00Z"), "Bo");
    ApiResponse reused = api.book(host.id(), null, other, "order-1");
    assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
    assertThat(BaselineFixture.error(reused)).isEqualTo("idempotency_conflict");
    assertThat(fixture.longQuery("SELECT count(*) FROM " + strategy.schema() + ".bookings WHERE host_id = '"
        + host.id() + "'")).isEqualTo(1);
    assertThat(fixture.server(strategy).historySource().readAll().get(host.id())).hasSize(1);
  }

  /**
   * The hotspot load's pattern: a slot taken, then a flood for it and for its buffer neighbour from
   * more clients than the server has connections, so every connection is always busy with a
   * refusal. The refusals must not wait for one another. EXCLUSION once inserted every request's
   * row and let the constraint refuse it: each doomed row went into the constraint's index before
   * its check, so doomed inserts found each other there, waited for each other's transactions and
   * deadlocked (one a second, PostgreSQL's deadlock_timeout); all 16 connections ended up in one
   * wait chain and the server answered about one request a second.
   */
  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aFloodForATakenSlotIsRefusedWithoutTheRefusalsWaitingOnEachOther(Strategy strategy) throws Exception {
    Host host = fixture.host(strategy, everyDay("UTC", "08:00", "20:00"), "load", Map.of("title", "Load",
        "durationMinutes", 30, "bufferAfterMinutes", 10));
    SchedulerApiClient api = fixture.api(strategy);
    Instant taken = Instant.parse("2027-10-12T08:00:00Z");
    Instant neighbour = taken.plus(Duration.ofMinutes(30));
    assertThat(api.book(host.id(), null, booking("load", taken, "First"), null).status()).isEqualTo(201);
    BaselineStats.Snapshot before = fixture.server(strategy).stats();
    int clients = 32;
    int each = 100;

    long started = System.nanoTime();
    Map<Integer, Integer> answers = flood(clients, each, Duration.ofSeconds(40), i -> api.book(host.id(), null,
        booking("load", i % 2 == 0 ? taken : neighbour, "Invitee " + i), "flood-" + i));
    double seconds = (System.nanoTime() - started) / 1e9;

    BaselineStats.Snapshot after = fixture.server(strategy).stats();
    System.out.printf("taken slot flood x%d, %s: %.1f s, %s; %s%n", clients * each, strategy, seconds, answers,
        delta(before, after));
    assertThat(answers).as(strategy + " in %.1f s", seconds).isEqualTo(Map.of(409, clients * each));
    assertThat(after.deadlocks() - before.deadlocks()).as(strategy + " deadlocks").isZero();
    assertThat(after.conflicts() - before.conflicts()).isEqualTo(clients * each);
    assertThat(fixture.confirmedInTable(strategy, host.id())).hasSize(1);
  }

  private static Map<String, Instant> replayed(Strategy strategy, Host host) throws Exception {
    return BaselineFixture.replayWithoutOverlap(fixture.server(strategy).historySource().readAll().get(host.id()));
  }

  /**
   * {@code clients} threads, each sending {@code each} requests one after another (request numbers
   * {@code client * each + n}) until {@code budget} runs out; then the answers by status, -1 for
   * none (a timeout). Requests not sent in time are missing from the counts.
   */
  private static Map<Integer, Integer> flood(int clients, int each, Duration budget,
      IntFunction<ApiResponse> request) throws InterruptedException {
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + budget.toNanos();
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      threads.execute(() -> {
        for (int n = 0; n < each && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted(); n++) {
          int status;
          try {
            status = request.apply(client * each + n).status();
          } catch (RuntimeException e) {
            status = -1;
          }
          statuses.merge(status, 1, Integer::sum);
        }
      });
    }
    threads.shutdown();
    if (!threads.awaitTermination(budget.toNanos() + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS)) {
      threads.shutdownNow();
    }
    return Map.copyOf(statuses);
  }

  /** Every 15-minute start from 08:00 to 19:30 of each day from {@code first} to {@code last}. */
  private static List<Instant> grid(Instant first, Instant last) {
    List<Instant> grid = new ArrayList<>();
    for (Instant day = first; day.isBefore(last); day = day.plus(Duration.ofDays(1))) {
      for (int minutes = 0; minutes <= 11 * 60 + 30; minutes += 15) {
        grid.add(day.plus(Duration.ofMinutes(minutes)));
      }
    }
    return grid;
  }

  private static Random random(int seed) {
    return new Random(seed * 7919L);
  }

  private static String delta(BaselineStats.Snapshot before, BaselineStats.Snapshot after) {
    return Map.of("bookings", after.bookings() - before.bookings(), "conflicts", after.conflicts() - before.conflicts(),
        "replays", after.replays() - before.replays(), "retries", after.retries() - before.retries(),
        "serializationFailures", after.serializationFailures() - before.serializationFailures(),
        "deadlocks", after.deadlocks() - before.deadlocks(),
        "versionConflicts", after.versionConflicts() - before.versionConflicts(),
        "gaveUp", after.gaveUp() - before.gaveUp()).entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).map(Object::toString).collect(Collectors.joining(", "));
  }
}
