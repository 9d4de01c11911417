package dev.scheduler.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.JournalReader;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.model.Booking;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Race-freedom at the level users see it: real concurrent HTTP requests spread over the three
 * nodes of a cluster on one PostgreSQL, judged by reading the journal back.
 */
class ClusterRaceTest {
  /** Monday 2027-03-01 00:00 UTC; hosts are open around the clock from then on. */
  private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
  private static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));

  @TempDir static Path dataDir;
  static ThreeNodeCluster cluster;
  static ExecutorService callers;

  @BeforeAll
  static void start() {
    cluster = ThreeNodeCluster.start(dataDir, Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    callers = Executors.newFixedThreadPool(500);
  }

  @AfterAll
  static void stop() {
    callers.shutdownNow();
    cluster.close();
  }

  @Test
  void fiveHundredRequestsForOneSlotMakeExactlyOneBooking() throws Exception {
    ApiFixture host = openAroundTheClock("race", Map.of("title", "Race", "durationMinutes", 30));
    String slot = TOMORROW.plus(Duration.ofHours(10)).toString();

    List<ApiResponse> answers = concurrently(500, i ->
        cluster.client(i).book(host.hostId(), null, booking("race", slot, i), null));

    Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(ApiResponse::status, Collectors.counting()));
    assertThat(byStatus).as("statuses of 500 concurrent bookings of one slot").containsOnlyKeys(201, 409);
    assertThat(byStatus.get(201)).isEqualTo(1L);
    HostCalendarState journal = JournalReader.replay(cluster.nodes.get(0).system(), host.hostId());
    assertThat(confirmed(journal)).hasSize(1);
  }

  @Test
  void twoThousandOverlappingRequestsOverSeveralHostsNeverDoubleBook() throws Exception {
    Map<String, Object> type = Map.of("title", "Overlap", "durationMinutes", 45, "slotIntervalMinutes", 15,
        "bufferBeforeMinutes", 10, "bufferAfterMinutes", 5);
    List<ApiFixture> hosts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hosts.add(openAroundTheClock("overlap", type));
    }
    Random random = new Random(42);
    List<int[]> plan = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      plan.add(new int[] {random.nextInt(hosts.size()), random.nextInt(24 * 4)});
    }

    List<ApiResponse> answers = concurrently(plan.size(), i -> {
      ApiFixture host = hosts.get(plan.get(i)[0]);
      String start = TOMORROW.plus(Duration.ofMinutes(15L * plan.get(i)[1])).toString();
      return cluster.client(i).book(host.hostId(), null, booking("overlap", start, i), null);
    });

    assertThat(answers).extracting(ApiResponse::status).as("every answer is 201 or 409").containsOnly(201, 409);
    Set<String> acknowledged = new HashSet<>();
    answers.stream().filter(a -> a.status() == 201).forEach(a -> acknowledged.add(a.json().get("id").asText()));
    Set<String> journaled = new HashSet<>();
    for (ApiFixture host : hosts) {
      List<Booking> bookings = confirmed(JournalReader.replay(cluster.nodes.get(0).system(), host.hostId()));
      assertPairwiseDisjointWithBuffers(bookings);
      bookings.forEach(b -> journaled.add(b.id()));
    }
    assertThat(journaled).as("every acknowledged booking is in the journal").containsAll(acknowledged);
    assertThat(acknowledged).hasSizeGreaterThan(hosts.size());
  }

  @Test
  void fiftyConcurrentRetriesWithOneIdempotencyKeyMakeOneBooking() throws Exception {
    ApiFixture host = openAroundTheClock("retry", Map.of("title", "Retry", "durationMinutes", 30));
    String slot = TOMORROW.plus(Duration.ofHours(12)).toString();
    Map<String, Object> body = booking("retry", slot, 7);

    List<ApiResponse> answers = concurrently(50, i -> cluster.client(i).book(host.hostId(), null, body, "key-of-order-7"));

    assertThat(answers).extracting(ApiResponse::status).containsOnly(201);
    assertThat(answers.stream().map(a -> a.json().get("id").asText()).distinct()).hasSize(1);
    assertThat(confirmed(JournalReader.replay(cluster.nodes.get(0).system(), host.hostId()))).hasSize(1);
  }

  private static ApiFixture openAroundTheClock(String slug, Map<String, Object> eventType) {
    return ApiFixture.newHost(cluster.client(0), "UTC")
        .schedule(Bodies.everyDay("UTC", "00:00", "24:00"))
        .eventType(slug, eventType);
  }

  private static Map<String, Object> booking(String slug, String start, int caller) {
    return Map.of("eventType", slug, "start", start,
        "invitee", Map.of("name", "Caller " + caller, "email", "caller" + caller + "@example.com", "timeZone", "UTC"));
  }

  private static List<Booking> confirmed(HostCalendarState state) {
    return state.bookings().values().stream().filter(Booking::isConfirmed).toList();
  }

  private static void assertPairwiseDisjointWithBuffers(List<Booking> bookings) {
    for (int i = 0; i < bookings.size(); i++) {
      for (int j = i + 1; j < bookings.size(); j++) {
        assertThat(bookings.get(i).blockedSpan().overlaps(bookings.get(j).blockedSpan()))
            .as("%s and %s overlap", bookings.get(i), bookings.get(j)).isFalse();
      }
    }
  }

  private interface Call {
    ApiResponse make(int index) throws Exception;
  }

  /** Fires all calls at once (up to the pool's 500 threads) and collects every answer. */
  private static List<ApiResponse> concurrently(int count, Call call) throws Exception {
    List<Callable<ApiResponse>> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      tasks.add(() -> call.make(index));
    }
    List<ApiResponse> answers = new ArrayList<>();
    for (Future<ApiResponse> future : callers.invokeAll(tasks)) {
      answers.add(future.get());
    }
    return answers;
  }
}
