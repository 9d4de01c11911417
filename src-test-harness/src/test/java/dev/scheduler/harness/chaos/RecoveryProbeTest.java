package dev.scheduler.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecoveryProbeTest {
  private static final String[] SLOTS = {"2030-01-01T09:00:00Z", "2030-01-01T10:00:00Z", "2030-01-01T11:00:00Z"};

  private FakeProbeCluster api;

  @BeforeEach
  void startApi() throws Exception {
    api = new FakeProbeCluster(3);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private RecoveryProbe probe(Duration timeout, java.util.function.IntPredicate usable) {
    RecoveryProbe.Settings settings = new RecoveryProbe.Settings(timeout, Duration.ofSeconds(5),
        Duration.ofMillis(20), LocalDate.parse("2030-01-01"), LocalDate.parse("2030-01-31"));
    return new RecoveryProbe(api.urls(), usable, settings, Clock.systemUTC());
  }

  private List<FakeProbeCluster.Request> bookingsOf(String host) {
    return api.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/hosts/" + host + "/bookings"))
        .toList();
  }

  @Test
  void everyHostBooksOnceAndTheTimesCountFromSince() {
    api.host("h1", SLOTS);
    api.host("h2", SLOTS);
    Instant since = Instant.now().minusSeconds(3);
    RecoveryProbe.Result result = probe(Duration.ofSeconds(10), n -> true)
        .measure(List.of(new RecoveryProbe.Target("h1", "t"), new RecoveryProbe.Target("h2", "t")), since);

    assertThat(result.allRecovered()).isTrue();
    assertThat(result.maxRecovery()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(3)));
    assertThat(result.answers()).containsEntry("slots 200", 2L).containsEntry("book 201", 2L);
    assertThat(result.bookings()).hasSize(2).allMatch(RecoveryProbe.ProbeBooking::acknowledged)
        .noneMatch(RecoveryProbe.ProbeBooking::uncertain);
    assertThat(api.booked()).hasSize(2);
    assertThat(result.summary()).startsWith("2/2 hosts booked again");
  }

  @Test
  void anUnavailableAnswerIsRetriedWithTheSameKeyAndTheSameBody() {
    api.host("h1", SLOTS);
    api.failBookings("h1", 2, 503);
    RecoveryProbe.Result result = probe(Duration.ofSeconds(10), n -> true)
        .measure(List.of(new RecoveryProbe.Target("h1", "t")), Instant.now());

    assertThat(result.allRecovered()).isTrue();
    List<FakeProbeCluster.Request> posts = bookingsOf("h1");
    assertThat(posts).hasSize(3);
    assertThat(posts.stream().map(FakeProbeCluster.Request::idempotencyKey).distinct()).hasSize(1);
    assertThat(posts.stream().map(FakeProbeCluster.Request::body).distinct()).hasSize(1);
    assertThat(result.answers()).containsEntry("book 503", 2L).containsEntry("book 201", 1L);
    RecoveryProbe.ProbeBooking booking = result.bookings().get(0);
    assertThat(booking.acknowledged()).isTrue();
    assertThat(booking.uncertain()).isTrue();
    assertThat(booking.bookingId()).isNotBlank();
  }

  @Test
  void aTakenSlotIsGivenUpForAnotherWithANewKey() {
    api.host("h1", SLOTS);
    api.failBookings("h1", 1, 409);
    RecoveryProbe.Result result = probe(Duration.ofSeconds(10), n -> true)
        .measure(List.of(new RecoveryProbe.Target("h1", "t")), Instant.now());

    assertThat(result.allRecovered()).isTrue();
    assertThat(bookingsOf("h1").stream().map(FakeProbeCluster.Request::idempotencyKey).distinct()).hasSize(2);
    assertThat(result.bookings()).hasSize(2);
    RecoveryProbe.ProbeBooking refused = result.bookings().get(0);
    assertThat(refused.finalAnswer()).isEqualTo("409");
    assertThat(refused.mayHaveApplied()).isFalse();
    assertThat(result.bookings().get(1).acknowledged()).isTrue();
  }

  @Test
  void aHostThatNeverBooksIsReportedWithItsLastFailureAndAnIndeterminateBooking() {
    api.host("h1", SLOTS);
    api.host("h2", SLOTS);
    api.failBookings("h1", 1_000_000, 503);
    RecoveryProbe.Result result = probe(Duration.ofMillis(700), n -> true)
        .measure(List.of(new RecoveryProbe.Target("h1", "t"), new RecoveryProbe.Target("h2", "t")), Instant.now());

    assertThat(result.allRecovered()).isFalse();
    assertThat(result.maxRecovery()).isEmpty();
    RecoveryProbe.HostRecovery h1 = result.hosts().get(0);
    assertThat(h1.recoveredAfter()).isEmpty();
    assertThat(h1.lastFailure()).isEqualTo("book 503");
    assertThat(result.bookings()).filteredOn(b -> b.hostId().equals("h1"))
        .singleElement().satisfies(b -> {
          assertThat(b.acknowledged()).isFalse();
          assertThat(b.indeterminate()).isTrue();
          assertThat(b.mayHaveApplied()).isTrue();
        });
    assertThat(result.hosts().get(1).recoveredAfter()).isPresent();
  }

  @Test
  void nodesThatAreNotUsableAreNotAsked() {
    api.host("h1", SLOTS);
    api.host("h2", SLOTS);
    api.host("h3", SLOTS);
    RecoveryProbe.Result result = probe(Duration.ofSeconds(10), n -> n != 0)
        .measure(List.of(new RecoveryProbe.Target("h1", "t"), new RecoveryProbe.Target("h2", "t"),
            new RecoveryProbe.Target("h3", "t")), Instant.now());

    assertThat(result.allRecovered()).isTrue();
    Set<Integer> asked = api.requests().stream().map(FakeProbeCluster.Request::node).collect(Collectors.toSet());
    // Each host starts its round robin at a random node, so all three may happen to ask only node 1.
    assertThat(asked).isNotEmpty().isSubsetOf(1, 2);
    assertThat(result.attempts()).allMatch(a -> a.node() != 0);
  }

  @Test
  void noOpenSlotIsAFailureNotABooking() {
    api.host("h1");
    RecoveryProbe.Result result = probe(Duration.ofMillis(300), n -> true)
        .measure(List.of(new RecoveryProbe.Target("h1", "t")), Instant.now());
    assertThat(result.allRecovered()).isFalse();
    assertThat(result.hosts().get(0).lastFailure()).startsWith("no open slot");
    assertThat(result.bookings()).isEmpty();
  }

  @Test
  void watchingCountsFromTheLastFailureNotTheFirstSuccess() throws Exception {
    api.host("h1", manySlots());
    java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
    Instant since = Instant.now();
    RecoveryProbe probe = probe(Duration.ofSeconds(10), n -> true);
    java.util.concurrent.CompletableFuture<RecoveryProbe.Result> watched =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> probe.watch(List.of(new RecoveryProbe.Target("h1", "t")), since, over::get));
    // It books fine at first, then fails for a while. Waited for, not slept: on a busy machine the
    // first booking can take longer than a fixed pause, and then the probe never books before the failures.
    awaitUntil("the first booking", () -> !api.booked().isEmpty());
    api.failBookings("h1", 5, 503);
    awaitUntil("five failed bookings", () -> bookingsOf("h1").size() >= 6);
    over.set(true);
    RecoveryProbe.Result result = watched.get();

    RecoveryProbe.HostRecovery h1 = result.hosts().get(0);
    assertThat(h1.failures()).isEqualTo(5);
    Instant lastFailure = result.attempts().stream().filter(a -> a.answer().equals("503"))
        .map(RecoveryProbe.Attempt::answeredAt).max(Instant::compareTo).orElseThrow();
    assertThat(since.plus(h1.recoveredAfter().orElseThrow())).isAfter(lastFailure);
    assertThat(result.bookings().stream().filter(RecoveryProbe.ProbeBooking::acknowledged).count())
        .isGreaterThan(1);
  }

  @Test
  void aNodeThatRefusesConnectionsIsPassedOverWithoutCountingAgainstTheHost() {
    api.host("h1", SLOTS);
    api.host("h2", SLOTS);
    api.stopNode(0);
    RecoveryProbe.Result result = probe(Duration.ofSeconds(10), n -> true)
        .measure(List.of(new RecoveryProbe.Target("h1", "t"), new RecoveryProbe.Target("h2", "t")), Instant.now());
    assertThat(result.allRecovered()).isTrue();
    assertThat(result.hosts()).allMatch(h -> h.failures() == 0);
  }

  @Test
  void whenEveryNodeRefusesTheHostFails() {
    api.host("h1", SLOTS);
    for (int i = 0; i < 3; i++) {
      api.stopNode(i);
    }
    RecoveryProbe.Result result = probe(Duration.ofMillis(300), n -> true)
        .measure(List.of(new RecoveryProbe.Target("h1", "t")), Instant.now());
    assertThat(result.allRecovered()).isFalse();
    assertThat(result.hosts().get(0).lastFailure()).isEqualTo("slots refused by every node");
    assertThat(result.answers()).containsKey("slots refused");
  }

  private static void awaitUntil(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("%s within 10 s", what).isNegative();
      Thread.sleep(10); // polling interval only
    }
  }

  @Test
  void takeoverCountsTheLastUnbrokenRunOfBookingsBeforeTheRepair() {
    Instant kill = Instant.parse("2030-01-01T00:00:00Z");
    Instant repair = kill.plusSeconds(28);
    List<RecoveryProbe.Attempt> attempts = List.of(
        attempt("h1", "book", "refused", kill.plusSeconds(1)),
        attempt("h1", "book", "503", kill.plusSeconds(4)),
        attempt("h1", "book", "201", kill.plusSeconds(6)),
        attempt("h1", "book", "503", kill.plusSeconds(7)),
        attempt("h1", "slots", "200", kill.plusSeconds(9)),
        attempt("h1", "book", "201", kill.plusSeconds(9)),
        attempt("h1", "book", "io-error", kill.plusSeconds(30)),
        attempt("h2", "book", "refused", kill.plusSeconds(2)),
        attempt("h2", "book", "201", kill.plusSeconds(3)));
    RecoveryProbe.Result result = new RecoveryProbe.Result(kill, kill.plusSeconds(40), List.of(
        new RecoveryProbe.HostRecovery("h1", java.util.Optional.empty(), 7, 4, "io-error"),
        new RecoveryProbe.HostRecovery("h2", java.util.Optional.of(Duration.ofSeconds(3)), 2, 0, null)),
        attempts, List.of());

    assertThat(result.takeoverBefore(repair)).as("h1's last failure before the repair was at +7 s")
        .contains(Duration.ofSeconds(9));
    assertThat(result.takeoverBefore(kill.plusSeconds(8))).as("h1 had not booked again by +8 s").isEmpty();
  }

  private static RecoveryProbe.Attempt attempt(String host, String request, String answer, Instant at) {
    return new RecoveryProbe.Attempt(host, request, 0, "key", "slot", answer, at.minusMillis(50), at);
  }

  private static String[] manySlots() {
    return java.util.stream.IntStream.range(0, 200)
        .mapToObj(i -> Instant.parse("2030-01-01T00:00:00Z").plusSeconds(1800L * i).toString())
        .toArray(String[]::new);
  }
}
