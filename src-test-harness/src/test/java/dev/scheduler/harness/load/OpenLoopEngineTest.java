package dev.scheduler.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.audit.ClientLedger.BookingCall;
import dev.scheduler.harness.audit.ClientLedger.Outcome;
import dev.scheduler.harness.load.StubServer.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The open-loop engine against stub servers. No assertion depends on the machine being fast:
 * waits are for events (so many requests arrived), and latencies are checked only against lower
 * bounds that the schedule itself implies.
 */
class OpenLoopEngineTest {
  private static final Instant SLOT = Instant.parse("2030-01-07T09:00:00Z");
  private static final Duration LONG = Duration.ofSeconds(60);

  private final AtomicInteger ids = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private StubServer server;
  private StubServer other;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
    if (other != null) {
      other.close();
    }
  }

  @Test
  void latencyOfRequestsDueDuringAServerStallIncludesTheStall() throws Exception {
    // The server holds every request until the test lets go, which it does only after 50 arrived.
    server = StubServer.start(request -> {
      release.await();
      return booked();
    });
    RunningLoad load = fixture(server.uri(), options()).start(Duration.ofSeconds(1), 100, ProgressSink.NONE);
    awaitArrivals(server, 50);
    release.countDown();
    SystemRun run = load.await();

    List<BookingCall> calls = byIntendedTime(run);
    assertThat(calls).hasSize(100).allSatisfy(c -> assertThat(c.outcome()).isEqualTo(Outcome.ACKNOWLEDGED));
    // Request i was due at i * 10 ms; request 49 arrived at or after its due time of 490 ms, and
    // only then were answers released: request i waited at least (49 - i) * 10 ms from its due time.
    for (int i = 0; i < 50; i++) {
      assertThat(latency(calls.get(i))).as("request %d", i).isGreaterThanOrEqualTo(Duration.ofMillis((49 - i) * 10L));
    }
    OperationStats book = run.operation(Operation.BOOK);
    assertThat(book.completed()).isEqualTo(100);
    assertThat(book.latencyMicros().getMaxValue()).isGreaterThanOrEqualTo(480_000);
    assertThat(book.latencyMicros().getCountBetweenValues(240_000, Long.MAX_VALUE)).isGreaterThanOrEqualTo(25);
  }

  @Test
  void whenTheClientItselfStallsLatencyStillRunsFromTheIntendedTime() throws Exception {
    server = StubServer.start(request -> booked());
    LoadFixture fixture = fixture(server.uri(), options());
    Workload hotspot = Workloads.create(Scenario.HOTSPOT, fixture.hosts(), fixture.options(), "k-");
    Workload hiccup = seq -> {
      if (seq == 10) {
        sleep(500); // the scheduling thread stops, as in a GC pause
      }
      return hotspot.next(seq);
    };

    SystemRun run = fixture.start(hiccup, Duration.ofSeconds(1), 100, ProgressSink.NONE).await();

    List<BookingCall> calls = byIntendedTime(run);
    assertThat(calls).hasSize(100);
    // Request 11 was due at 110 ms and could leave only after 10 ms + 500 ms of stall.
    BookingCall eleventh = calls.get(11);
    assertThat(eleventh.seq()).isEqualTo(11);
    assertThat(eleventh.sentAt()).isEqualTo(run.startedAt().plusMillis(110));
    assertThat(latency(eleventh)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    // The schedule did not shift: the last request is still due at 990 ms.
    assertThat(calls.get(99).sentAt()).isEqualTo(run.startedAt().plusMillis(990));
  }

  @Test
  void aRetryGoesToTheNextNodeWithTheSameKeyAndItsFinalOutcomeCounts() throws Exception {
    server = StubServer.start(request -> new Reply(503, "{\"error\":\"unavailable\"}", Map.of("Retry-After", "0")));
    other = StubServer.start(request -> booked());
    LoadFixture fixture = new LoadFixture(new LoadTarget("stub", List.of(server.uri(), other.uri()), "admin"),
        Scenario.HOTSPOT, options(), hosts());

    SystemRun run = fixture.run(Duration.ofMillis(500), 20, ProgressSink.NONE);

    OperationStats book = run.operation(Operation.BOOK);
    assertThat(book.completed()).isEqualTo(10);
    assertThat(book.outcomes()).containsExactly(Map.entry(OutcomeKind.OK, 10L));
    assertThat(book.retries()).isEqualTo(5);
    assertThat(book.attempts()).containsEntry(OutcomeKind.UNAVAILABLE, 5L).containsEntry(OutcomeKind.OK, 10L);
    assertThat(book.indeterminate()).isZero();
    assertThat(other.received().stream().map(StubServer.Received::idempotencyKey).toList())
        .containsAll(server.received().stream().map(StubServer.Received::idempotencyKey).toList());
    assertThat(byIntendedTime(run)).allSatisfy(c -> assertThat(c.outcome()).isEqualTo(Outcome.ACKNOWLEDGED))
        .filteredOn(c -> c.seq() % 2 == 0).allSatisfy(c -> assertThat(c.uncertain()).isTrue());
  }

  @Test
  void noAnswerIsIndeterminateNotAnError() throws Exception {
    server = StubServer.start(request -> {
      release.await();
      return booked();
    });
    ScenarioOptions options = options().withRequestTimeout(Duration.ofMillis(300)).withRetries(2, Duration.ofMillis(10));

    SystemRun run = fixture(server.uri(), options).run(Duration.ofMillis(200), 20, ProgressSink.NONE);

    OperationStats book = run.operation(Operation.BOOK);
    assertThat(book.outcomes()).containsExactly(Map.entry(OutcomeKind.TIMEOUT, 4L));
    assertThat(book.indeterminate()).isEqualTo(4);
    assertThat(book.retries()).isEqualTo(4);
    assertThat(book.attempts()).containsExactly(Map.entry(OutcomeKind.TIMEOUT, 8L));
    assertThat(run.ledger().bookings()).extracting(BookingCall::outcome).containsOnly(Outcome.INDETERMINATE);
    assertThat(run.ledger().bookings()).extracting(BookingCall::answer).containsOnly("timeout");
  }

  @Test
  void aRefusedConnectionDidNotHappen() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    SystemRun run = fixture(closed, options().withRetries(2, Duration.ofMillis(10)))
        .run(Duration.ofMillis(200), 20, ProgressSink.NONE);

    OperationStats book = run.operation(Operation.BOOK);
    assertThat(book.outcomes()).containsExactly(Map.entry(OutcomeKind.CONNECTION_REFUSED, 4L));
    assertThat(book.indeterminate()).isZero();
    assertThat(run.ledger().bookings()).extracting(BookingCall::outcome).containsOnly(Outcome.FAILED);
  }

  @Test
  void runsInTheBackgroundAndStopsEarly() throws Exception {
    server = StubServer.start(request -> booked());
    RunningLoad load = fixture(server.uri(), options()).start(LONG, 50, ProgressSink.NONE);
    awaitArrivals(server, 20);
    assertThat(load.isDone()).isFalse();
    assertThat(load.progress().sent()).isGreaterThanOrEqualTo(20);

    load.stop();
    SystemRun run = load.await();

    assertThat(run.stoppedEarly()).isTrue();
    assertThat(run.sendingTime()).isLessThan(LONG);
    assertThat(run.sent()).isEqualTo(run.completed()).isLessThan(3000);
    assertThat(run.operation(Operation.BOOK).count(OutcomeKind.OK)).isEqualTo(run.sent());
  }

  @Test
  void everySecondCountsWhatWasSentAndWhatCompletedInIt() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server = StubServer.start(request -> n.incrementAndGet() % 3 == 0 ? Reply.of(409, "{}") : booked());

    SystemRun run = fixture(server.uri(), options()).run(Duration.ofMillis(2500), 40, ProgressSink.NONE);

    assertThat(run.sent()).isEqualTo(100);
    assertThat(run.series()).isNotEmpty();
    assertThat(run.series()).extracting(SecondStats::second)
        .isEqualTo(java.util.stream.IntStream.range(0, run.series().size()).boxed().toList());
    assertThat(run.series().stream().mapToLong(SecondStats::sent).sum()).isEqualTo(100);
    assertThat(run.series().stream().mapToLong(SecondStats::completed).sum()).isEqualTo(100);
    assertThat(run.series().stream().mapToLong(s -> s.count(OutcomeKind.CONFLICT)).sum()).isEqualTo(33);
    assertThat(run.operation(Operation.BOOK).count(OutcomeKind.CONFLICT)).isEqualTo(33);
    assertThat(run.operation(Operation.BOOK).count(OutcomeKind.OK)).isEqualTo(67);
    assertThat(run.series().stream().filter(s -> s.operation(Operation.BOOK) != null)
        .mapToLong(s -> s.operation(Operation.BOOK).latency().count()).sum()).isEqualTo(100);
  }

  @Test
  void theSameSeedMakesTheSameChoices() {
    List<HostFixture> hosts = List.of(
        new HostFixture("a", "t", List.of(SLOT, SLOT.plusSeconds(1800), SLOT.plusSeconds(3600), SLOT.plusSeconds(5400))),
        new HostFixture("b", "t", List.of(SLOT, SLOT.plusSeconds(1800), SLOT.plusSeconds(3600), SLOT.plusSeconds(5400))));
    ScenarioOptions options = ScenarioOptions.defaults().withSeed(7);
    Workload one = Workloads.create(Scenario.SPREAD, hosts, options, "x-");
    Workload two = Workloads.create(Scenario.SPREAD, hosts, options, "y-");
    Workload otherSeed = Workloads.create(Scenario.SPREAD, hosts, options.withSeed(8), "x-");
    Workload hotspot = Workloads.create(Scenario.HOTSPOT, hosts, options.withHotSlots(2), "x-");
    Workload mixed = Workloads.create(Scenario.MIXED, hosts, options, "x-");

    List<String> first = choices(one);
    assertThat(choices(two)).isEqualTo(first);
    assertThat(choices(otherSeed)).isNotEqualTo(first);
    assertThat(first.stream().distinct().count()).isEqualTo(8);
    assertThat(choices(hotspot).stream().distinct().count()).isEqualTo(4);
    Map<Operation, Long> mix = java.util.stream.LongStream.range(0, 1000).mapToObj(mixed::next)
        .collect(Collectors.groupingBy(PlannedRequest::operation, Collectors.counting()));
    assertThat(mix.get(Operation.SLOTS)).isBetween(850L, 950L);
  }

  @Test
  void hotspotRacesForEachHostsNextSlotsAfterEveryRotationAndWrapsRound() {
    List<Instant> slots = java.util.stream.IntStream.range(0, 6).mapToObj(i -> SLOT.plusSeconds(1800L * i)).toList();
    List<HostFixture> hosts = List.of(new HostFixture("a", "t", slots), new HostFixture("b", "t", slots));
    Workload hotspot = Workloads.create(Scenario.HOTSPOT, hosts,
        ScenarioOptions.defaults().withHotSlots(2).withHotRotation(100), "x-");

    List<PlannedRequest> requests = java.util.stream.LongStream.range(0, 400).mapToObj(hotspot::next).toList();

    for (int race = 0; race < 4; race++) {
      List<Instant> raced = requests.subList(race * 100, race * 100 + 100).stream().map(PlannedRequest::start)
          .distinct().sorted().toList();
      int first = (race * 2) % slots.size();
      assertThat(raced).as("race %d", race).containsExactly(slots.get(first), slots.get(first + 1));
    }
    assertThat(requests.stream().map(PlannedRequest::hostId).distinct()).containsExactlyInAnyOrder("a", "b");
  }

  private static List<String> choices(Workload workload) {
    return java.util.stream.LongStream.range(0, 200).mapToObj(workload::next)
        .map(r -> r.hostId() + " " + r.start()).toList();
  }

  private Reply booked() {
    return Reply.of(201, "{\"id\":\"b" + ids.incrementAndGet() + "\",\"start\":\"" + SLOT + "\",\"bookingToken\":\"bt\"}");
  }

  private static LoadFixture fixture(URI node, ScenarioOptions options) {
    return new LoadFixture(new LoadTarget("stub", List.of(node), "admin"), Scenario.HOTSPOT, options, hosts());
  }

  private static List<HostFixture> hosts() {
    return List.of(new HostFixture("h1", "t", List.of(SLOT, SLOT.plusSeconds(1800), SLOT.plusSeconds(3600))));
  }

  private static ScenarioOptions options() {
    return ScenarioOptions.defaults().withRequestTimeout(Duration.ofSeconds(60)).withRetries(3, Duration.ofMillis(10));
  }

  private static List<BookingCall> byIntendedTime(SystemRun run) {
    return run.ledger().bookings().stream().sorted(Comparator.comparingLong(BookingCall::seq)).toList();
  }

  private static Duration latency(BookingCall call) {
    return Duration.between(call.sentAt(), call.answeredAt());
  }

  private static void awaitArrivals(StubServer server, int count) throws InterruptedException {
    for (int i = 0; i < 6000 && server.count() < count; i++) {
      Thread.sleep(10);
    }
    assertThat(server.count()).as("requests that reached the stub").isGreaterThanOrEqualTo(count);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
