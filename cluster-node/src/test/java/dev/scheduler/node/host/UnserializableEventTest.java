package dev.scheduler.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.ShardedEntityClient;
import dev.scheduler.node.testkit.ApiFixture;
import dev.scheduler.node.testkit.Bodies;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.calendar.NewBooking;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.model.Invitee;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command whose event the journal's serializer (Jackson CBOR, as configured) cannot write is
 * refused, and the commands queued behind it are answered as usual, on a running node with its
 * real JDBC journal. The commands go through sharding, not HTTP: the routes refuse a lone
 * surrogate with 400 first; this is the safety net for any value the routes let through.
 */
class UnserializableEventTest {
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final String NEW_YORK = "America/New_York";
  /** A lone high surrogate: a Java string can hold it, UTF-8 (and so CBOR text) cannot. */
  private static final String UNWRITABLE_NAME = "Bo \ud800";

  @TempDir Path dataDir;

  @Test
  void anUnwritableEventIsRefusedAndTheCommandsQueuedBehindItAreAnswered() throws Exception {
    try (SchedulerNode node = TestNodes.embedded(dataDir, new MutableClock(NOW))) {
      SchedulerApiClient api = new SchedulerApiClient(node.baseUrl());
      ApiFixture host = ApiFixture.newHost(api, NEW_YORK)
          .schedule(Bodies.weekdays(NEW_YORK, "09:00", "17:00"))
          .eventType("intro", Bodies.eventType(60));
      EntityClient entities = new ShardedEntityClient(node.system(), Duration.ofSeconds(5), Clock.systemUTC());

      // Tuesday 2027-03-02, 09:00 New York is 14:00 UTC: the bad booking first, six good ones behind it.
      CompletableFuture<BookingResult> bad = book(entities, host, "bad", 14, UNWRITABLE_NAME);
      List<CompletableFuture<BookingResult>> good = new ArrayList<>();
      for (int hour = 15; hour < 21; hour++) {
        good.add(book(entities, host, "good-" + hour, hour, "Bo"));
      }

      Throwable refusal = bad.handle((ok, failure) -> failure).get(10, TimeUnit.SECONDS);
      while (refusal instanceof CompletionException && refusal.getCause() != null) {
        refusal = refusal.getCause();
      }
      assertThat(refusal).isInstanceOf(StatusReply.ErrorMessage.class);
      assertThat(Rejection.fromStatusText(refusal.getMessage()).orElseThrow().code())
          .isEqualTo(RejectionCode.INVALID_REQUEST);
      for (CompletableFuture<BookingResult> answer : good) {
        assertThat(answer.get(10, TimeUnit.SECONDS).booking().invitee().name()).isEqualTo("Bo");
      }
      ApiResponse listed = api.listBookings(host.hostId(), host.token(), null, null, null);
      assertThat(listed.json().get("bookings")).hasSize(6);
    }
  }

  private static CompletableFuture<BookingResult> book(
      EntityClient entities, ApiFixture host, String id, int utcHour, String inviteeName) {
    Instant start = Instant.parse("2027-03-02T00:00:00Z").plus(Duration.ofHours(utcHour));
    NewBooking request = new NewBooking(id, "intro", start,
        new Invitee(inviteeName, "bo@example.com", ZoneId.of("UTC")), null, null, "fp-" + id);
    return entities.<BookingResult>askHost(host.hostId(), r -> new Book(request, null, r)).toCompletableFuture();
  }
}
