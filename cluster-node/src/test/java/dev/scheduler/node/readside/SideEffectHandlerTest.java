package dev.scheduler.node.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature registers an at-least-once handler with the home in one line and hears every booking
 * change over HTTP, in the host's order; after a restart on the same data it resumes from its
 * stored offset instead of hearing the first life's events again.
 */
class SideEffectHandlerTest {
  private static final String NAME = "test-listener";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));

  @TempDir Path dataDir;

  @Test
  void aRegisteredHandlerHearsEveryChangeInOrderAndResumesAfterARestart() throws Exception {
    ApiFixture host;
    List<String> firstLife;
    try (SchedulerNode node = TestNodes.embedded(dataDir, clock)) {
      Queue<HostEvent> heard = listen(node);
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      host = ApiFixture.newHost(api, "UTC").schedule(Bodies.everyDay("UTC", "00:00", "24:00"))
          .eventType("intro", Bodies.eventType(30));
      String first = book(api, host, "2027-03-02T10:00:00Z");
      String second = book(api, host, "2027-03-02T11:00:00Z");
      expect(api.cancel(host.hostId(), first, host.token(), "no longer needed"), 200);

      await(heard, events -> bookingsIn(events).equals(List.of(first, second, "cancel " + first)));
      List<Long> sequence = heard.stream().map(HostEvent::sequenceNr).toList();
      assertThat(sequence).as("the host's events in journal order, each once").isSorted().doesNotHaveDuplicates();
      assertThat(heard).allMatch(e -> e.hostId().equals(host.hostId()) && e.eventId().equals(
          host.hostId() + "-" + e.sequenceNr()));
      firstLife = bookingsIn(heard);
      // At least once: the offset is stored in batches (at most 500 ms apart); let the last one land.
      Thread.sleep(2000);
    }
    try (SchedulerNode node = TestNodes.embedded(dataDir, clock)) {
      Queue<HostEvent> heard = listen(node);
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      String third = book(api, host, "2027-03-02T12:00:00Z");
      await(heard, events -> bookingsIn(events).contains(third));
      assertThat(bookingsIn(heard)).as("after the restart, only what is new (first life: %s)", firstLife)
          .containsExactly(third);
    }
  }

  private static Queue<HostEvent> listen(SchedulerNode node) {
    Queue<HostEvent> heard = new ConcurrentLinkedQueue<>();
    ReadSide.get(node.system()).atLeastOnce(NAME, () -> event -> {
      heard.add(event);
      return CompletableFuture.completedFuture(null);
    });
    return heard;
  }

  private static List<String> bookingsIn(Iterable<HostEvent> events) {
    List<String> changes = new ArrayList<>();
    for (HostEvent e : events) {
      if (e.event() instanceof BookingConfirmed confirmed) {
        changes.add(confirmed.booking().id());
      } else if (e.event() instanceof BookingCancelled cancelled) {
        changes.add("cancel " + cancelled.bookingId());
      }
    }
    return changes;
  }

  private static void await(Queue<HostEvent> heard, Predicate<Queue<HostEvent>> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.test(heard) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(condition.test(heard)).as("heard within %s: %s", WAIT, bookingsIn(heard)).isTrue();
  }

  private static String book(SchedulerApiClient api, ApiFixture host, String start) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking("intro", start, "UTC"), null);
    expect(booked, 201);
    return booked.json().get("id").asText();
  }

  private static void expect(ApiResponse response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
  }
}
