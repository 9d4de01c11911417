package dev.scheduler.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.NodeProbe;
import dev.scheduler.node.testkit.SingleNodeProcess;
import dev.scheduler.protocol.Ids;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's random-id flood against a node in its own 256 MB process: 20,000 reads of event types
 * and slots for host ids that do not exist. Each is 404, and the entity it started passivates at
 * once, so live host entities stay few (before, every id stayed ~5 KB in memory for ten minutes),
 * the heap after GC barely grows, and the node stays ready with another host answering.
 */
@EnabledOnOs(OS.LINUX)
class RandomIdFloodTest {
  private static final int REQUESTS = 20_000;
  private static final int CLIENTS = 8;
  private static final Duration PROMPT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir static Path work;
  static SingleNodeProcess node;
  static SchedulerApiClient api;

  @BeforeAll
  static void startNode() {
    node = SingleNodeProcess.embedded(work).start();
    api = new SchedulerApiClient(node.baseUrl());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void twentyThousandRandomHostIdsAre404AndLeaveNoEntitiesBehind() throws Exception {
    ApiFixture bystander = ApiFixture.newHost(api, "UTC")
        .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
        .eventType("intro", Bodies.eventType(30));
    LocalDate day = LocalDate.now(java.time.Clock.systemUTC()).plusDays(3);
    long heapBefore = NodeProbe.heapAfterGcMb(node.launcher().pid());
    int entitiesBefore = NodeProbe.liveHostEntities(api);

    Map<Integer, Integer> answers = new ConcurrentHashMap<>();
    AtomicInteger sent = new AtomicInteger();
    List<Integer> entitiesDuring = new ArrayList<>();
    long started = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      running.add(clients.submit(() -> {
        for (int i = sent.getAndIncrement(); i < REQUESTS; i = sent.getAndIncrement()) {
          answers.merge(probe(i, day), 1, Integer::sum);
        }
        return null;
      }));
    }
    while (running.stream().anyMatch(f -> !f.isDone())) {
      Thread.sleep(2000);
      entitiesDuring.add(NodeProbe.liveHostEntities(api));
    }
    for (Future<?> f : running) {
      f.get();
    }
    clients.shutdown();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Thread.sleep(1000);
    int entitiesAfter = NodeProbe.liveHostEntities(api);
    long heapAfter = NodeProbe.heapAfterGcMb(node.launcher().pid());
    Duration bystanderListing = timed(() -> api.slots(bystander.hostId(), "intro", day, day.plusDays(6), "UTC"));

    System.out.printf("random-id flood: %d requests (event types and 1 in 10 slot listings) answered %s in %d ms"
        + " (%d/s); live host entities before %d, during %s, 1 s after %d; heap after GC %d MB before, %d MB"
        + " after; another host lists in %d ms%n", REQUESTS, answers, took.toMillis(),
        REQUESTS * 1000L / Math.max(1, took.toMillis()), entitiesBefore, entitiesDuring, entitiesAfter, heapBefore,
        heapAfter, bystanderListing.toMillis());
    assertThat(answers).containsOnlyKeys(404);
    assertThat(entitiesDuring).allSatisfy(n -> assertThat(n).isLessThan(200));
    assertThat(entitiesAfter).isLessThan(entitiesBefore + 20);
    assertThat(heapAfter - heapBefore).as("heap growth in MB").isLessThan(30);
    assertThat(node.launcher().isAlive()).as(node.logTail()).isTrue();
    assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
    assertThat(bystanderListing).isLessThan(PROMPT);
    assertThat(node.logTail()).doesNotContain("OutOfMemoryError");
  }

  private static int probe(int i, LocalDate day) throws Exception {
    String host = "/api/v1/hosts/" + Ids.newId();
    String path = i % 10 == 0
        ? host + "/event-types/intro/slots?start=" + day + "&end=" + day.plusDays(6)
        : host + "/event-types";
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return answer.statusCode();
  }

  private static Duration timed(java.util.function.Supplier<ApiResponse> call) {
    long started = System.nanoTime();
    ApiResponse answer = call.get();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
