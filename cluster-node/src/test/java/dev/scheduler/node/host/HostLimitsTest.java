package dev.scheduler.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.domain.HostLimits;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CancelBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SyncBusy;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ScheduleView;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.NewBooking;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caps on what one host keeps, with small limits: busy sources (API sources and connections
 * together), intervals per source, event types, active bookings; and which finished bookings the
 * live state drops, identically after a restart.
 */
class HostLimitsTest {
  private static final ActorTestKit TESTKIT = ActorTestKit.create(
      ConfigFactory.parseResources("serialization.conf").withFallback(EventSourcedBehaviorTestKit.config()).resolve());
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
  private static final Access HOST = Access.hostToken("e".repeat(64));
  private static final HostLimits SMALL =
      new HostLimits(2, 3, 2, 2, 1, Duration.ofDays(3), Duration.ofDays(30));

  private final MutableClock clock = new MutableClock(NOW);
  private EventSourcedBehaviorTestKit<HostCalendarCommand, HostCalendarEvent, HostCalendarState> kit;

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @BeforeEach
  void publish() {
    kit = EventSourcedBehaviorTestKit.create(TESTKIT.system(), HostCalendarEntity.create("host-1", clock, SMALL));
    kit.<StatusReply<HostProfile>>runCommand(
        r -> new CreateHost(new HostProfile("host-1", "Ann", "a@b.c", UTC, "e".repeat(64), NOW), r));
    kit.<StatusReply<ScheduleView>>runCommand(r -> new SetSchedule(HOST, allDayEveryDay(), r));
    kit.<StatusReply<EventType>>runCommand(r -> new SaveEventType(HOST, eventType("intro"), r));
  }

  @Test
  void aThirdBusySourceIsRefusedUntilOneIsCleared() {
    assertThat(replaceBusy("a", 1).reply().isSuccess()).isTrue();
    assertThat(replaceBusy("b", 1).reply().isSuccess()).isTrue();

    var third = replaceBusy("c", 1);
    assertRejected(third.reply(), RejectionCode.LIMIT_EXCEEDED);
    assertThat(third.hasNoEvents()).isTrue();
    assertThat(replaceBusy("a", 2).reply().isSuccess()).as("an existing source may change").isTrue();

    assertThat(replaceBusy("a", 0).state().busyBySource()).containsOnlyKeys("b");
    assertThat(replaceBusy("c", 1).reply().isSuccess()).isTrue();
  }

  @Test
  void connectionsCountAsBusySources() {
    replaceBusy("a", 1);
    addConnection("conn-1");
    assertRejected(addConnection("conn-2").reply(), RejectionCode.LIMIT_EXCEEDED);
    assertRejected(replaceBusy("b", 1).reply(), RejectionCode.LIMIT_EXCEEDED);
  }

  @Test
  void aSourceHoldsAtMostItsIntervalsFromTheApiOrASync() {
    assertThat(replaceBusy("a", 3).reply().isSuccess()).isTrue();
    assertRejected(replaceBusy("a", 4).reply(), RejectionCode.LIMIT_EXCEEDED);

    addConnection("conn-1");
    var sync = kit.<StatusReply<BusySource>>runCommand(r -> new SyncBusy("conn-1", intervals(4), r));
    assertRejected(sync.reply(), RejectionCode.LIMIT_EXCEEDED);
    assertThat(sync.state().busyBySource().get("a")).hasSize(3);
  }

  @Test
  void aThirdEventTypeIsRefusedButExistingOnesChange() {
    assertThat(saveEventType("second").reply().isSuccess()).isTrue();
    assertRejected(saveEventType("third").reply(), RejectionCode.LIMIT_EXCEEDED);
    assertThat(saveEventType("intro").reply().isSuccess()).isTrue();
  }

  @Test
  void aHostHoldsAtMostItsActiveBookingsAndACancelMakesRoom() {
    assertThat(book("b1", 10).reply().isSuccess()).isTrue();
    assertThat(book("b2", 11).reply().isSuccess()).isTrue();
    var third = book("b3", 12);
    assertRejected(third.reply(), RejectionCode.LIMIT_EXCEEDED);
    assertThat(third.hasNoEvents()).isTrue();

    cancel("b1");
    assertThat(book("b3", 12).reply().isSuccess()).isTrue();
  }

  @Test
  void finishedBookingsBeyondThoseKeptLeaveTheLiveStateEarliestEndFirstWithTheirIdempotencyKeys() {
    book("b1", 10, "key-1");
    book("b2", 11);
    cancel("b1");
    var second = cancel("b2");
    assertThat(second.state().bookings()).as("one finished booking is kept: the later-ending").containsOnlyKeys("b2");
    assertRejected(kit.<StatusReply<Booking>>runCommand(r -> new GetBooking(HOST, "b1", r)).reply(),
        RejectionCode.NOT_FOUND);
    assertThat(kit.restart().state()).isEqualTo(second.state());

    assertRejected(book("b1-again", 10, "key-1").reply(), RejectionCode.CONFLICT);
    assertThat(book("b3", 12).state().idempotency()).isEmpty();
  }

  @Test
  void pastBookingsLeaveTheLiveStateAfterTheRetentionWithTheirIdempotencyKeys() {
    book("b1", 10, "key-1");
    clock.set(NOW.plus(Duration.ofDays(2)));
    var active = book("b2", 24 * 2 + 10, null);
    assertThat(active.state().bookings()).as("b1 ended under two days ago: still active").containsKeys("b1", "b2");
    assertRejected(book("b3", 24 * 2 + 11, null).reply(), RejectionCode.LIMIT_EXCEEDED);

    clock.set(NOW.plus(Duration.ofDays(5)));
    var later = book("b3", 24 * 5 + 10, null);
    assertThat(later.state().bookings()).as("b1 ended over three days ago").containsOnlyKeys("b2", "b3");
    assertThat(kit.restart().state()).isEqualTo(later.state());
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<BusySource>>
      replaceBusy(String source, int count) {
    return kit.runCommand(r -> new ReplaceBusy(HOST, source, intervals(count), r));
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<ConnectionList>>
      addConnection(String id) {
    return kit.runCommand(r -> new AddConnection(HOST, id, ProviderKind.ICS, r));
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<EventType>>
      saveEventType(String slug) {
    return kit.runCommand(r -> new SaveEventType(HOST, eventType(slug), r));
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<BookingResult>>
      book(String id, int hoursAfterNow) {
    return book(id, hoursAfterNow, null);
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<BookingResult>>
      book(String id, int hoursAfterStart, String key) {
    Instant start = NOW.plus(Duration.ofHours(hoursAfterStart));
    String fingerprint = "fp-" + (key == null ? id : key);
    return kit.runCommand(r -> new Book(new NewBooking(id, "intro", start, new Invitee("Bo", "bo@example.com", UTC),
        null, key, fingerprint), null, r));
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<Booking>>
      cancel(String id) {
    return kit.runCommand(r -> new CancelBooking(HOST, id, null, r));
  }

  // Disjoint hours far ahead, so that they block no slot the tests book.
  private static List<Interval> intervals(int count) {
    List<Interval> intervals = new ArrayList<>();
    Instant start = Instant.parse("2028-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      intervals.add(new Interval(start.plus(Duration.ofHours(2L * i)), start.plus(Duration.ofHours(2L * i + 1))));
    }
    return intervals;
  }

  private static Schedule allDayEveryDay() {
    java.util.Map<java.time.DayOfWeek, List<WallClockRange>> weekly = new java.util.EnumMap<>(java.time.DayOfWeek.class);
    for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
      weekly.put(day, List.of(WallClockRange.parse("00:00", "24:00")));
    }
    return new Schedule(UTC, weekly, java.util.Map.of());
  }

  private static EventType eventType(String slug) {
    return new EventType(slug, "Call", 60, 60, 0, 0, 0, BookingWindow.rolling(30), null, 0);
  }

  private static void assertRejected(StatusReply<?> reply, RejectionCode code) {
    assertThat(reply.isError()).as("expected a rejection, got %s", reply).isTrue();
    assertThat(Rejection.fromStatusText(reply.getError().getMessage()))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(code));
  }
}
