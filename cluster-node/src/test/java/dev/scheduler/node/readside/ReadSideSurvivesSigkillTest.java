package dev.scheduler.node.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.SingleNodeProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process is killed with SIGKILL the moment its last write is acknowledged, twice, and
 * started again on the same data: the read side's bookings table ends with every acknowledged
 * booking exactly once, in its last state, and the projection resumed from its stored offset. The
 * proof of the resume: read_side_progress counts, in the offset's transaction, every event the
 * projection applied; after the restarts it equals the number of tagged events in the journal,
 * although events had been applied before the kill. A replay from the first event would count
 * those again.
 *
 * <p>PostgreSQL is read while the node runs. The embedded H2 file is locked by the running node,
 * so there the test looks only between lives of the process: it lets the node run a few seconds,
 * kills it again and reads, until the read side has caught up (each such kill is one more resume).
 */
@EnabledOnOs(OS.LINUX)
class ReadSideSurvivesSigkillTest {
  private static final int BOOKINGS_PER_ROUND = 30;
  private static final int CHANGES = 5;
  private static final Duration CATCH_UP = Duration.ofSeconds(60);
  // After a kill the journal's ordering has gaps (H2 hands out identities in cached blocks), and the
  // read journal waits for a gap up to max-tries x query-delay (10 x 1 s) before it reads past it.
  private static final Duration LIFE_BETWEEN_LOOKS = Duration.ofSeconds(15);
  private static final int MAX_LIVES = 5;

  @TempDir Path work;
  private final ExecutorService clients = Executors.newFixedThreadPool(8);
  private final Map<String, Expected> acknowledged = new ConcurrentHashMap<>();
  private final LocalDate firstDay = LocalDate.now(Clock.systemUTC()).plusDays(10);
  private int nextSlot;

  @AfterEach
  void stopClients() {
    clients.shutdownNow();
  }

  @Test
  void onTheEmbeddedH2File() {
    String url = "jdbc:h2:file:" + work.resolve("data").resolve("scheduler").toAbsolutePath()
        + ";DATABASE_TO_UPPER=false";
    killAndRestart(SingleNodeProcess.embedded(work), new ReadSideTables(url, "sa", ""), false, "embedded H2");
  }

  @Test
  void onPostgreSql() {
    PostgresTestServer server = PostgresTestServer.shared();
    String url = server.createDatabase("readside");
    SingleNodeProcess node = SingleNodeProcess.embedded(work, Map.of("SCHEDULER_DB_URL", url,
        "SCHEDULER_DB_USER", server.user(), "SCHEDULER_DB_PASSWORD", server.password(),
        "SCHEDULER_DB_POOL_SIZE", "8"));
    killAndRestart(node, new ReadSideTables(url, server.user(), server.password()), true,
        "PostgreSQL");
  }

  private void killAndRestart(SingleNodeProcess node, ReadSideTables tables, boolean readableWhileRunning,
      String database) {
    try (node) {
      node.start();
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = ApiFixture.newHost(api, "UTC")
          .schedule(Bodies.everyDay("UTC", "00:00", "24:00"))
          .eventType("quick", Bodies.eventType(15));

      runConcurrently(bookings(api, host, "first"));
      killNow(node);
      ReadSideTables.Snapshot atFirstKill = tables.read();
      node.start();
      ReadSideTables.Snapshot firstRestart = awaitAll(tables, node, readableWhileRunning);
      if (!readableWhileRunning) {
        node.start();
      }

      List<Supplier<ApiResponse>> secondRound = bookings(api, host, "second");
      secondRound.addAll(changes(api, host));
      runConcurrently(secondRound);
      killNow(node);
      ReadSideTables.Snapshot atSecondKill = tables.read();
      node.start();
      ReadSideTables.Snapshot secondRestart = awaitAll(tables, node, readableWhileRunning);

      System.out.printf("read side across SIGKILL on %s (docs/read-side.md): at 1st kill %d of %d events applied, %d rows;"
          + " after restart %d of %d; at 2nd kill %d of %d, %d rows; after restart %d of %d, %d rows%n", database,
          atFirstKill.eventsHandled(), atFirstKill.taggedEvents(), atFirstKill.bookings().size(),
          firstRestart.eventsHandled(), firstRestart.taggedEvents(), atSecondKill.eventsHandled(),
          atSecondKill.taggedEvents(), atSecondKill.bookings().size(), secondRestart.eventsHandled(),
          secondRestart.taggedEvents(), secondRestart.bookings().size());
      assertThat(atSecondKill.eventsHandled()).as("events applied before the second kill").isPositive();
      assertThat(atSecondKill.storedOffsets()).as("offsets stored before the second kill").isPositive();
      if (!readableWhileRunning) {
        node.start();
      }
      pause(LIFE_BETWEEN_LOOKS);
      if (!readableWhileRunning) {
        killNow(node);
      }
      assertThat(tables.read().eventsHandled()).as("no event applied twice, a while later")
          .isEqualTo(secondRestart.taggedEvents());
    }
  }

  // Waits until the table holds every acknowledged booking in its last state and every tagged
  // event is counted once; a replay from zero would push the count past the journal's and fail.
  private ReadSideTables.Snapshot awaitAll(ReadSideTables tables, SingleNodeProcess node, boolean readableWhileRunning) {
    Map<String, Expected> expected = Map.copyOf(acknowledged);
    String what = "every acknowledged booking once, every event applied once, on the " + node;
    ReadSideTables.Snapshot seen = readableWhileRunning
        ? tables.await(s -> s.caughtUp() && matches(s, expected), CATCH_UP, what)
        : lookBetweenLives(tables, node, expected, what);
    assertThat(seen.bookings().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    return seen;
  }

  // Leaves the node killed: the caller starts it again when it needs it.
  private ReadSideTables.Snapshot lookBetweenLives(ReadSideTables tables, SingleNodeProcess node,
      Map<String, Expected> expected, String what) {
    ReadSideTables.Snapshot seen = null;
    for (int life = 0; life < MAX_LIVES; life++) {
      if (life > 0) {
        node.start();
      }
      pause(LIFE_BETWEEN_LOOKS);
      killNow(node);
      seen = tables.read();
      assertThat(seen.eventsHandled()).as("events applied, never more than tagged: %s", seen)
          .isLessThanOrEqualTo(seen.taggedEvents());
      if (seen.caughtUp() && matches(seen, expected)) {
        return seen;
      }
    }
    throw new AssertionError(what + " after " + MAX_LIVES + " lives; last seen: " + seen);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean matches(ReadSideTables.Snapshot snapshot, Map<String, Expected> expected) {
    if (snapshot.bookings().size() != expected.size()) {
      return false;
    }
    return expected.values().stream().allMatch(e -> {
      ReadSideTables.Row row = snapshot.bookings().get(e.id());
      return row != null && row.status().equals(e.status()) && row.start().equals(e.start())
          && row.revision() == e.revision();
    });
  }

  private List<Supplier<ApiResponse>> bookings(SchedulerApiClient api, ApiFixture host, String round) {
    List<Supplier<ApiResponse>> writes = new ArrayList<>();
    for (int i = 0; i < BOOKINGS_PER_ROUND; i++) {
      Instant start = slot(nextSlot++);
      String key = round + "-" + i;
      writes.add(() -> {
        ApiResponse booked = answered(() -> api.book(host.hostId(), null, Bodies.booking("quick", start, "UTC"), key));
        expect(booked, 201);
        String id = booked.json().get("id").asText();
        acknowledged.put(id, new Expected(id, start, "CONFIRMED", 0));
        return booked;
      });
    }
    return writes;
  }

  // Cancels some bookings of the first round and moves others, sent with the second round's bookings.
  private List<Supplier<ApiResponse>> changes(SchedulerApiClient api, ApiFixture host) {
    List<Expected> first = List.copyOf(acknowledged.values());
    List<Supplier<ApiResponse>> writes = new ArrayList<>();
    for (int i = 0; i < CHANGES; i++) {
      Expected toCancel = first.get(2 * i);
      Expected toMove = first.get(2 * i + 1);
      Instant newStart = slot(nextSlot++);
      writes.add(() -> {
        ApiResponse cancelled = answered(() -> api.cancel(host.hostId(), toCancel.id(), host.token(), "kill test"));
        expect(cancelled, 200);
        acknowledged.put(toCancel.id(), new Expected(toCancel.id(), toCancel.start(), "CANCELLED", 1));
        return cancelled;
      });
      writes.add(() -> {
        ApiResponse moved = answered(() -> api.reschedule(host.hostId(), toMove.id(), host.token(), newStart));
        expect(moved, 200);
        acknowledged.put(toMove.id(), new Expected(toMove.id(), newStart, "CONFIRMED", 1));
        return moved;
      });
    }
    return writes;
  }

  // Returns when the last answer has arrived: the caller kills the node at once.
  private void runConcurrently(List<Supplier<ApiResponse>> writes) {
    CompletableFuture.allOf(writes.stream()
        .map(write -> CompletableFuture.supplyAsync(write, clients))
        .toArray(CompletableFuture[]::new)).join();
  }

  private static void killNow(SingleNodeProcess node) {
    node.launcher().kill();
    assertThat(node.launcher().exitValue()).as("SIGKILL").isEqualTo(137);
  }

  private Instant slot(int index) {
    return firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().plus(15L * index, ChronoUnit.MINUTES);
  }

  // A 503 leaves the outcome unknown (a loaded machine): the same request again, as a client would.
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

  private record Expected(String id, Instant start, String status, int revision) {}
}
