package dev.scheduler.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.NewBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * When the journal refuses a write, the booking is not acknowledged, the entity restarts with
 * backoff from what was persisted, and the next attempt books normally.
 */
class PersistFailureTest {
  private static final ActorTestKit TESTKIT = ActorTestKit.create(
      ConfigFactory.parseResources("serialization.conf").withFallback(EventSourcedBehaviorTestKit.config()).resolve());
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
  private static final Instant SLOT = Instant.parse("2027-03-02T10:00:00Z");
  private static final Access HOST = Access.hostToken("c".repeat(64));

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @Test
  void aFailedPersistIsNeverAcknowledgedAndTheEntityRecovers() {
    PersistenceTestKit journal = PersistenceTestKit.create(TESTKIT.system());
    ActorRef<HostCalendarCommand> calendar = TESTKIT.spawn(HostCalendarEntity.create("failing-host", new MutableClock(NOW)));
    publish(calendar);
    TestProbe<StatusReply<BookingResult>> invitee = TESTKIT.createTestProbe();

    journal.failNextPersisted();
    calendar.tell(new Book(request("b1"), null, invitee.ref()));
    invitee.expectNoMessage(Duration.ofMillis(500));

    calendar.tell(new Book(request("b2"), null, invitee.ref()));
    StatusReply<BookingResult> retried = invitee.receiveMessage(Duration.ofSeconds(10));
    assertThat(retried.isSuccess()).as("%s", retried).isTrue();
    assertThat(retried.getValue().booking().id()).isEqualTo("b2");
    List<Object> bookingsInJournal = journal.persistedInStorage("HostCalendar|failing-host").stream()
        .filter(e -> e instanceof HostCalendarEvent.BookingConfirmed)
        .toList();
    assertThat(bookingsInJournal).hasSize(1);
  }

  private static void publish(ActorRef<HostCalendarCommand> calendar) {
    TestProbe<StatusReply<Object>> probe = TESTKIT.createTestProbe();
    calendar.tell(new CreateHost(new HostProfile("failing-host", "Ann", "a@b.c", UTC, "c".repeat(64), NOW), cast(probe)));
    Schedule open = new Schedule(UTC, Map.of(DayOfWeek.TUESDAY, List.of(WallClockRange.parse("09:00", "17:00"))), Map.of());
    calendar.tell(new SetSchedule(HOST, open, cast(probe)));
    calendar.tell(new SaveEventType(HOST, new EventType("intro", "Intro", 60, 60, 0, 0, 0, BookingWindow.rolling(30), null, 0), cast(probe)));
    for (int i = 0; i < 3; i++) {
      assertThat(probe.receiveMessage(Duration.ofSeconds(5)).isSuccess()).isTrue();
    }
  }

  private static NewBooking request(String id) {
    return new NewBooking(id, "intro", SLOT, new Invitee("Bo", "bo@example.com", UTC), null, null, "fp");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> ActorRef<StatusReply<T>> cast(TestProbe<StatusReply<Object>> probe) {
    return (ActorRef) probe.ref();
  }
}
