package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.KeepAliveHttpClient;
import dev.scheduler.node.testkit.KeepAliveHttpClient.Kind;
import dev.scheduler.node.testkit.KeepAliveHttpClient.Outcome;
import dev.scheduler.node.testkit.SingleNodeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node told to stop (SIGTERM, or Ctrl-C's SIGINT) in the middle of a burst of concurrent
 * bookings stops taking connections, answers what it has taken, then leaves the cluster and exits.
 * Every 201 the clients saw is there after a restart; every request that got no 201 got a 503 or
 * a connection closed before any byte of an answer, never half an answer.
 */
@EnabledOnOs(OS.LINUX)
class GracefulStopTest {
  private static final int CLIENTS = 24;
  private static final int BOOKED_BEFORE_SIGNAL = 60;
  private static final String SLUG = "quick";

  @TempDir Path work;

  @Test
  void sigtermOnTheEmbeddedH2File() throws Exception {
    burstThenStop(SingleNodeProcess.embedded(work), "TERM", 143);
  }

  @Test
  void ctrlCOnTheEmbeddedH2File() throws Exception {
    burstThenStop(SingleNodeProcess.embedded(work), "INT", 130);
  }

  @Test
  void sigtermOnPostgreSql() throws Exception {
    burstThenStop(SingleNodeProcess.postgres(work, PostgresTestServer.shared(), "sigterm"), "TERM", 143);
  }

  private void burstThenStop(SingleNodeProcess node, String signal, int exitCode) throws Exception {
    try (node) {
      node.start();
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = ApiFixture.newHost(api, "UTC")
          .schedule(Bodies.everyDay("UTC", "00:00", "24:00"))
          .eventType(SLUG, Map.of("title", "Quick", "durationMinutes", 15));
      Burst burst = new Burst(node.httpPort(), host.hostId());
      burst.start();
      assertThat(burst.booked.await(60, TimeUnit.SECONDS)).as("bookings before the signal").isTrue();
      Instant signalledAt = Instant.now();
      signal(node.launcher().pid(), signal);
      assertThat(node.launcher().awaitExit(Duration.ofSeconds(60))).as("the node exits after SIG" + signal).isTrue();
      burst.join();

      assertThat(node.launcher().exitValue()).as("exit code after SIG" + signal).isEqualTo(exitCode);
      String stopLog = node.launcher().logTail(400);
      stopLog = stopLog.substring(Math.max(0, stopLog.lastIndexOf("Stopping: the HTTP API")));
      assertThat(stopLog).as("the node drained, left the cluster and stopped")
          .contains("Stopping: the HTTP API", "HTTP API stopped", "Exiting completed");
      // The database must outlive the drain: H2's own exit hook used to close it under the
      // requests being answered, which then failed to persist and timed out with 503.
      assertThat(stopLog.lines().filter(line -> line.contains(" ERROR ")).toList())
          .as("errors while stopping").isEmpty();
      List<Sent> outcomes = burst.outcomes();
      assertThat(outcomes).as("no half-written answer, none left hanging")
          .noneMatch(s -> s.outcome().kind() == Kind.PARTIAL_ANSWER || s.outcome().kind() == Kind.TIMED_OUT);
      assertThat(outcomes).as("answers are 201 or 503")
          .filteredOn(s -> s.outcome().kind() == Kind.ANSWERED)
          .allMatch(s -> s.outcome().status() == 201 || s.outcome().status() == 503);
      assertThat(outcomes).as("the burst went on after the signal")
          .anyMatch(s -> s.sentAt().isAfter(signalledAt));
      System.out.println("SIG" + signal + " during a burst: " + summary(outcomes));

      node.start();
      List<Sent> acknowledged = outcomes.stream()
          .filter(s -> s.outcome().kind() == Kind.ANSWERED && s.outcome().status() == 201).toList();
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(BOOKED_BEFORE_SIGNAL);
      for (Sent sent : acknowledged) {
        String id = SchedulerApiClient.MAPPER.readTree(sent.outcome().body()).get("id").asText();
        ApiResponse read = api.getBooking(host.hostId(), id, host.token());
        assertThat(read.status()).as("booking %s after the restart: %s", id, read).isEqualTo(200);
        assertThat(read.json().get("start").asText()).isEqualTo(sent.start().toString());
        ApiResponse retried = api.send("POST", "/api/v1/hosts/" + host.hostId() + "/bookings", null, sent.body(),
            Map.of("Idempotency-Key", sent.key()));
        assertThat(retried.status()).as("retry of %s: %s", sent.key(), retried).isEqualTo(201);
        assertThat(retried.json().get("id").asText()).as("retry of %s", sent.key()).isEqualTo(id);
      }
    }
  }

  private static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -" + signal).isZero();
  }

  private static String summary(List<Sent> outcomes) {
    return outcomes.stream().collect(Collectors.groupingBy(
        s -> s.outcome().kind() == Kind.ANSWERED ? String.valueOf(s.outcome().status()) : s.outcome().kind().name(),
        Collectors.counting())).toString();
  }

  /** One request and what became of it. */
  private record Sent(String key, Instant start, String body, Instant sentAt, Outcome outcome) {}

  /** Clients that book distinct slots as fast as they can until the node no longer takes connections. */
  private static final class Burst {
    private final int port;
    private final String hostId;
    private final Instant firstSlot = LocalDate.now(Clock.systemUTC()).plusDays(5).atStartOfDay(ZoneOffset.UTC)
        .toInstant();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final CountDownLatch booked = new CountDownLatch(BOOKED_BEFORE_SIGNAL);
    private final List<Sent> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    Burst(int port, String hostId) {
      this.port = port;
      this.hostId = hostId;
    }

    void start() {
      for (int i = 0; i < CLIENTS; i++) {
        Thread thread = new Thread(this::bookUntilRefused, "burst-client-" + i);
        threads.add(thread);
        thread.start();
      }
    }

    private void bookUntilRefused() {
      try (KeepAliveHttpClient client = new KeepAliveHttpClient(port)) {
        while (true) {
          int index = nextSlot.getAndIncrement();
          Instant start = firstSlot.plus(15L * index, ChronoUnit.MINUTES);
          String key = "burst-" + index;
          String body = "{\"eventType\":\"" + SLUG + "\",\"start\":\"" + start + "\",\"invitee\":{\"name\":\"Bo\","
              + "\"email\":\"bo@example.com\",\"timeZone\":\"UTC\"},\"notes\":\"Looking forward\"}";
          Instant sentAt = Instant.now();
          Outcome outcome = client.post("/api/v1/hosts/" + hostId + "/bookings", body, Map.of("Idempotency-Key", key));
          outcomes.add(new Sent(key, start, body, sentAt, outcome));
          if (outcome.kind() == Kind.ANSWERED && outcome.status() == 201) {
            booked.countDown();
          }
          if (outcome.kind() == Kind.REFUSED) {
            return;
          }
        }
      }
    }

    void join() throws InterruptedException {
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(thread.isAlive()).as(thread.getName() + " still sending a minute after the node stopped").isFalse();
      }
    }

    List<Sent> outcomes() {
      synchronized (outcomes) {
        return List.copyOf(outcomes);
      }
    }
  }
}
