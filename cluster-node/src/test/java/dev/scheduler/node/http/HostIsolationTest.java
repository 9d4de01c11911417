package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.SingleNodeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * One host made slow to list (many busy intervals, the caps raised for this node) and flooded with
 * 600 concurrent listings, against a node in its own 256 MB process: past 64 waiting for that host
 * the listings get 503 host_busy at once, and another host's listings keep answering promptly,
 * because one host can no longer fill the node's limit of 512 requests in progress. Loopback keeps
 * its exemption from the anonymous rate limit here: without it the rate limit, not the per-host
 * limit, would refuse most of the flood.
 */
@EnabledOnOs(OS.LINUX)
class HostIsolationTest {
  private static final String ZONE = "UTC";
  private static final int SOURCES = 150;
  private static final int INTERVALS_PER_SOURCE = 800;
  private static final int FLOOD = 600;
  private static final Duration PROMPT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir static Path work;
  static SingleNodeProcess node;
  static SchedulerApiClient api;

  @BeforeAll
  static void startNode() {
    // The flood's 600 concurrent requests come from one address: the per-client connection cap
    // is raised so that what is tested is the per-host limit behind it, not the cap in front.
    node = SingleNodeProcess.embedded(work, Map.of(
        "SCHEDULER_LIMIT_BUSY_SOURCES", Integer.toString(SOURCES),
        "SCHEDULER_HTTP_MAX_CONNECTIONS_PER_CLIENT", "1024")).start();
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void aFloodedSlowHostGetsHostBusyAndOtherHostsKeepAnswering() throws Exception {
    LocalDate first = LocalDate.now(java.time.Clock.systemUTC()).plusDays(3);
    LocalDate last = first.plusDays(61);
    ApiFixture slow = published();
    ApiFixture bystander = published();
    long setupStarted = System.nanoTime();
    for (int source = 0; source < SOURCES; source++) {
      ApiResponse put = api.put("/api/v1/hosts/" + slow.hostId() + "/busy/source-" + source, slow.token(),
          Map.of("intervals", intervals(first, source)));
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }
    long setupMs = (System.nanoTime() - setupStarted) / 1_000_000;
    Duration oneSlowListing = timed(() -> api.slots(slow.hostId(), "intro", first, last, ZONE));

    URI slowListing = URI.create(node.baseUrl() + "/api/v1/hosts/" + slow.hostId() + "/event-types/intro/slots?start="
        + first + "&end=" + last + "&timeZone=UTC");
    long started = System.nanoTime();
    List<CompletableFuture<Answer>> flood = new ArrayList<>();
    for (int i = 0; i < FLOOD; i++) {
      flood.add(send(slowListing));
    }
    List<Duration> bystanderTimes = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      bystanderTimes.add(timed(() -> api.slots(bystander.hostId(), "intro", first, first.plusDays(6), ZONE)));
    }
    Map<String, Integer> floodAnswers = new TreeMap<>();
    Duration slowestBusy = Duration.ZERO;
    for (CompletableFuture<Answer> pending : flood) {
      Answer answer = pending.get(90, TimeUnit.SECONDS);
      floodAnswers.merge(answer.status + " " + answer.code, 1, Integer::sum);
      if (answer.code.equals("host_busy")) {
        assertThat(answer.retryAfter).as("Retry-After of host_busy").isNotNull();
        slowestBusy = max(slowestBusy, answer.took);
      }
    }
    Duration all = Duration.ofNanos(System.nanoTime() - started);
    Duration slowestBystander = bystanderTimes.stream().reduce(Duration.ZERO, HostIsolationTest::max);

    System.out.printf("host isolation: %d sources x %d busy intervals written in %d ms; one 62-day listing of"
        + " that host %d ms; %d concurrent listings of it answered %s in %d ms, slowest host_busy %d ms; 70"
        + " listings of another host meanwhile, slowest %d ms%n", SOURCES, INTERVALS_PER_SOURCE, setupMs,
        oneSlowListing.toMillis(), FLOOD, floodAnswers, all.toMillis(), slowestBusy.toMillis(),
        slowestBystander.toMillis());
    assertThat(floodAnswers.getOrDefault("503 host_busy", 0)).isGreaterThan(0);
    assertThat(floodAnswers.keySet()).as("no node-wide refusal").doesNotContain("503 unavailable-node");
    assertThat(slowestBystander).isLessThan(PROMPT);
    assertThat(node.launcher().isAlive()).as(node.logTail()).isTrue();
    assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
    assertThat(node.logTail()).doesNotContain("OutOfMemoryError");
  }

  private record Answer(int status, String code, String retryAfter, Duration took) {}

  private static CompletableFuture<Answer> send(URI uri) {
    long started = System.nanoTime();
    return HTTP.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString()).thenApply(response -> new Answer(response.statusCode(),
        code(response), response.headers().firstValue("Retry-After").orElse(null),
        Duration.ofNanos(System.nanoTime() - started)));
  }

  // The node-wide limit answers "unavailable" with a message about the node; tell it from a timeout.
  private static String code(HttpResponse<String> response) {
    if (response.statusCode() == 200) {
      return "ok";
    }
    JsonNode body = new ApiResponse(response.statusCode(), response.headers().map(), response.body()).json();
    String code = body.path("error").asText();
    return code.equals("unavailable") && body.path("message").asText().contains("This node is at its limit")
        ? "unavailable-node" : code;
  }

  /** Busy intervals of one source: 10 minutes every 2 hours, each source shifted, over the window. */
  private static List<Map<String, String>> intervals(LocalDate first, int source) {
    List<Map<String, String>> intervals = new ArrayList<>();
    Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(3L * source));
    for (int i = 0; i < INTERVALS_PER_SOURCE; i++) {
      Instant from = start.plus(Duration.ofMinutes(110L * i));
      intervals.add(Map.of("start", from.toString(), "end", from.plus(Duration.ofMinutes(10)).toString()));
    }
    return intervals;
  }

  private static Duration timed(java.util.function.Supplier<ApiResponse> call) {
    long started = System.nanoTime();
    ApiResponse answer = call.get();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static ApiFixture published() {
    return ApiFixture.newHost(api, ZONE)
        .schedule(Bodies.everyDay(ZONE, "00:00", "23:30"))
        .eventType("intro", Bodies.eventType(30));
  }
}
