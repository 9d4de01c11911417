package dev.scheduler.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RecordCalendarWrite;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RemoveConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RetryCalendarWrite;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SyncBusy;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.calendar.NewBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CancelBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetEventTypes;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSlots;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListBookings;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RescheduleBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ScheduleView;
import dev.scheduler.protocol.calendar.HostCalendarReplies.SlotList;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command of the host entity, with the testkit's serialization check on for every command,
 * event, reply and state, and recovery by restart.
 */
class HostCalendarEntityTest {
  private static final ActorTestKit TESTKIT = ActorTestKit.create(
      ConfigFactory.parseResources("serialization.conf")
          .withFallback(EventSourcedBehaviorTestKit.config())
          .resolve());

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  // Monday 2027-03-01 08:00 in New York.
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");
  private static final String HOST_TOKEN_HASH = "a".repeat(64);
  private static final Access HOST = Access.hostToken(HOST_TOKEN_HASH);

  private final MutableClock clock = new MutableClock(NOW);
  private EventSourcedBehaviorTestKit<HostCalendarCommand, HostCalendarEvent, HostCalendarState> kit;

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(TESTKIT.system(), HostCalendarEntity.create("host-1", clock));
  }

  @Test
  void commandsToAHostNeverCreatedAreNotFoundAndPersistNothing() {
    var result = kit.<StatusReply<HostProfile>>runCommand(r -> new GetHost(HOST, r));
    assertRejected(result.reply(), RejectionCode.NOT_FOUND);
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(result.state()).isNull();
  }

  @Test
  void createsAHostOnceOnly() {
    var created = createHost();
    assertThat(created.reply().getValue().name()).isEqualTo("Ann");
    assertThat(created.event()).isInstanceOf(HostCalendarEvent.HostCreated.class);

    var again = kit.<StatusReply<HostProfile>>runCommand(r -> new CreateHost(profile(), r));
    assertRejected(again.reply(), RejectionCode.CONFLICT);
    assertThat(again.hasNoEvents()).isTrue();
  }

  @Test
  void getHostNeedsTheHostTokenOrTheAdmin() {
    createHost();
    assertThat(kit.<StatusReply<HostProfile>>runCommand(r -> new GetHost(HOST, r)).reply().isSuccess()).isTrue();
    assertThat(kit.<StatusReply<HostProfile>>runCommand(r -> new GetHost(Access.asAdmin(), r)).reply().isSuccess()).isTrue();
    assertRejected(kit.<StatusReply<HostProfile>>runCommand(
        r -> new GetHost(Access.hostToken("b".repeat(64)), r)).reply(), RejectionCode.UNAUTHORIZED);
    assertRejected(kit.<StatusReply<HostProfile>>runCommand(
        r -> new GetHost(Access.anonymous(), r)).reply(), RejectionCode.UNAUTHORIZED);
  }

  @Test
  void setsAndReadsTheSchedule() {
    createHost();
    var set = kit.<StatusReply<ScheduleView>>runCommand(r -> new SetSchedule(HOST, weekdays9to17(), r));
    assertThat(set.event()).isInstanceOf(HostCalendarEvent.ScheduleSet.class);
    var read = kit.<StatusReply<ScheduleView>>runCommand(r -> new GetSchedule(HOST, r));
    assertThat(read.reply().getValue().schedule()).isEqualTo(weekdays9to17());
    assertRejected(kit.<StatusReply<ScheduleView>>runCommand(
        r -> new SetSchedule(Access.asAdmin(), weekdays9to17(), r)).reply(), RejectionCode.FORBIDDEN);
  }

  @Test
  void savesEventTypesThatAnyoneCanList() {
    createHost();
    kit.<StatusReply<EventType>>runCommand(r -> new SaveEventType(HOST, intro(), r));
    var listed = kit.<StatusReply<EventTypeList>>runCommand(GetEventTypes::new);
    assertThat(listed.reply().getValue().eventTypes()).containsExactly(intro());
  }

  @Test
  void replacesBusyTimeOfOneSourceAsAWhole() {
    createHost();
    Interval first = new Interval(Instant.parse("2027-03-02T14:00:00Z"), Instant.parse("2027-03-02T15:00:00Z"));
    Interval second = new Interval(Instant.parse("2027-03-03T14:00:00Z"), Instant.parse("2027-03-03T15:00:00Z"));
    kit.<StatusReply<BusySource>>runCommand(r -> new ReplaceBusy(HOST, "google", List.of(first), r));
    var replaced = kit.<StatusReply<BusySource>>runCommand(r -> new ReplaceBusy(HOST, "google", List.of(second), r));
    assertThat(replaced.state().busyBySource()).containsExactly(Map.entry("google", List.of(second)));
  }

  @Test
  void listsSlotsAndBooksOneOfThemOnlyOnce() {
    publish();
    var slots = kit.<StatusReply<SlotList>>runCommand(r -> new GetSlots(
        "intro", LocalDate.parse("2027-03-02"), LocalDate.parse("2027-03-02"), null, r));
    assertThat(slots.reply().getValue().slots()).hasSize(8);
    Instant nineAm = Instant.parse("2027-03-02T14:00:00Z");
    assertThat(slots.reply().getValue().slots().get(0).start()).isEqualTo(nineAm);

    var booked = book("b1", nineAm, null);
    assertThat(booked.reply().getValue().booking().status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(booked.event()).isInstanceOf(HostCalendarEvent.BookingConfirmed.class);

    var twice = book("b2", nineAm, null);
    assertRejected(twice.reply(), RejectionCode.SLOT_UNAVAILABLE);
    assertThat(twice.hasNoEvents()).isTrue();
  }

  @Test
  void refusesUnknownEventTypesPastStartsAndStartsOffTheGrid() {
    publish();
    assertRejected(kit.<StatusReply<BookingResult>>runCommand(r -> new Book(
        request("b1", "nope", Instant.parse("2027-03-02T14:00:00Z"), null), null, r)).reply(), RejectionCode.NOT_FOUND);
    assertRejected(book("b1", NOW.minusSeconds(3600), null).reply(), RejectionCode.INVALID_REQUEST);
    assertRejected(book("b1", Instant.parse("2027-03-02T14:10:00Z"), null).reply(), RejectionCode.SLOT_UNAVAILABLE);
  }

  @Test
  void theSameIdempotencyKeyReplaysTheFirstBookingOrConflicts() {
    publish();
    Instant start = Instant.parse("2027-03-02T14:00:00Z");
    var first = book("b1", start, "key-1");
    var replay = book("b2", start, "key-1");
    assertThat(replay.reply().getValue().booking().id()).isEqualTo("b1");
    assertThat(replay.reply().getValue().replayed()).isTrue();
    assertThat(replay.hasNoEvents()).isTrue();

    var other = kit.<StatusReply<BookingResult>>runCommand(r -> new Book(
        new NewBooking("b3", "intro", start.plusSeconds(3600), invitee(), null, "key-1", "other"), null, r));
    assertRejected(other.reply(), RejectionCode.IDEMPOTENCY_CONFLICT);
    assertThat(first.reply().getValue().replayed()).isFalse();
  }

  @Test
  void aBookingThatArrivesAfterItsAnswerWasDueIsRefusedWithoutEffectEvenForAKnownKey() {
    publish();
    Instant start = Instant.parse("2027-03-02T14:00:00Z");
    var late = kit.<StatusReply<BookingResult>>runCommand(r -> new Book(
        request("b1", "intro", start, "key-1"), NOW.minusMillis(1), r));
    assertRejected(late.reply(), RejectionCode.EXPIRED);
    assertThat(late.hasNoEvents()).isTrue();

    var inTime = kit.<StatusReply<BookingResult>>runCommand(r -> new Book(
        request("b2", "intro", start, "key-1"), NOW, r));
    assertThat(inTime.reply().getValue().booking().id()).isEqualTo("b2");
    var lateReplay = kit.<StatusReply<BookingResult>>runCommand(r -> new Book(
        request("b3", "intro", start, "key-1"), NOW.minusMillis(1), r));
    assertRejected(lateReplay.reply(), RejectionCode.EXPIRED);
  }

  @Test
  void cancelFreesTheSlotAndCancellingTwiceAnswersTheSame() {
    publish();
    Instant start = Instant.parse("2027-03-02T14:00:00Z");
    book("b1", start, null);
    var cancelled = kit.<StatusReply<Booking>>runCommand(r -> new CancelBooking(HOST, "b1", "ill", r));
    assertThat(cancelled.reply().getValue().status()).isEqualTo(BookingStatus.CANCELLED);
    var again = kit.<StatusReply<Booking>>runCommand(r -> new CancelBooking(HOST, "b1", "ill", r));
    assertThat(again.reply().getValue().cancelReason()).isEqualTo("ill");
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(book("b2", start, null).reply().isSuccess()).isTrue();
  }

  @Test
  void rescheduleMovesOnlyWhenTheNewTimeIsFree() {
    publish();
    Instant nine = Instant.parse("2027-03-02T14:00:00Z");
    Instant ten = Instant.parse("2027-03-02T15:00:00Z");
    book("b1", nine, null);
    book("b2", ten, null);
    Access booker = Access.bookingToken("b1");

    var blocked = kit.<StatusReply<Booking>>runCommand(r -> new RescheduleBooking(booker, "b1", ten, r));
    assertRejected(blocked.reply(), RejectionCode.SLOT_UNAVAILABLE);
    assertThat(blocked.state().bookings().get("b1").start()).isEqualTo(nine);

    Instant eleven = Instant.parse("2027-03-02T16:00:00Z");
    var moved = kit.<StatusReply<Booking>>runCommand(r -> new RescheduleBooking(booker, "b1", eleven, r));
    assertThat(moved.reply().getValue().start()).isEqualTo(eleven);
    assertThat(book("b3", nine, null).reply().isSuccess()).isTrue();
  }

  @Test
  void insideTheCutoffAnInviteesCancelOrRescheduleIsRefusedWithoutAnEvent() {
    publish();
    kit.<StatusReply<EventType>>runCommand(r -> new SaveEventType(HOST, intro().withInviteeChangeCutoffMinutes(60), r));
    Instant nine = Instant.parse("2027-03-02T14:00:00Z");
    book("b1", nine, null);
    clock.set(nine.minusSeconds(3599));
    Access booker = Access.bookingToken("b1");

    var cancel = kit.<StatusReply<Booking>>runCommand(r -> new CancelBooking(booker, "b1", "late", r));
    assertRejected(cancel.reply(), RejectionCode.CHANGE_TOO_LATE);
    assertThat(cancel.hasNoEvents()).isTrue();
    var move = kit.<StatusReply<Booking>>runCommand(
        r -> new RescheduleBooking(booker, "b1", Instant.parse("2027-03-02T16:00:00Z"), r));
    assertRejected(move.reply(), RejectionCode.CHANGE_TOO_LATE);
    assertThat(move.hasNoEvents()).isTrue();
    var byTheHost = kit.<StatusReply<Booking>>runCommand(r -> new CancelBooking(HOST, "b1", "host", r));
    assertThat(byTheHost.reply().getValue().status()).isEqualTo(BookingStatus.CANCELLED);
  }

  @Test
  void aBookingTokenReachesOnlyItsOwnBooking() {
    publish();
    book("b1", Instant.parse("2027-03-02T14:00:00Z"), null);
    book("b2", Instant.parse("2027-03-02T15:00:00Z"), null);
    assertThat(kit.<StatusReply<Booking>>runCommand(
        r -> new GetBooking(Access.bookingToken("b1"), "b1", r)).reply().isSuccess()).isTrue();
    assertRejected(kit.<StatusReply<Booking>>runCommand(
        r -> new GetBooking(Access.bookingToken("b1"), "b2", r)).reply(), RejectionCode.FORBIDDEN);
    assertRejected(kit.<StatusReply<Booking>>runCommand(
        r -> new GetBooking(HOST, "missing", r)).reply(), RejectionCode.NOT_FOUND);
  }

  @Test
  void listsBookingsByRangeAndStatus() {
    publish();
    book("b1", Instant.parse("2027-03-02T14:00:00Z"), null);
    book("b2", Instant.parse("2027-03-03T14:00:00Z"), null);
    kit.<StatusReply<Booking>>runCommand(r -> new CancelBooking(HOST, "b2", null, r));
    var confirmed = kit.<StatusReply<BookingList>>runCommand(
        r -> new ListBookings(HOST, null, null, BookingStatus.CONFIRMED, r));
    assertThat(confirmed.reply().getValue().bookings()).extracting(Booking::id).containsExactly("b1");
    var inRange = kit.<StatusReply<BookingList>>runCommand(r -> new ListBookings(
        HOST, Instant.parse("2027-03-03T00:00:00Z"), Instant.parse("2027-03-04T00:00:00Z"), null, r));
    assertThat(inRange.reply().getValue().bookings()).extracting(Booking::id).containsExactly("b2");
  }

  @Test
  void recoversTheSameStateAfterARestart() {
    publish();
    book("b1", Instant.parse("2027-03-02T14:00:00Z"), "key-1");
    kit.<StatusReply<Booking>>runCommand(r -> new CancelBooking(HOST, "b1", "moved", r));
    book("b2", Instant.parse("2027-03-02T15:00:00Z"), null);
    HostCalendarState before = kit.getState();

    var restarted = kit.restart();
    assertThat(restarted.state()).isEqualTo(before);
    assertRejected(book("b3", Instant.parse("2027-03-02T15:00:00Z"), null).reply(), RejectionCode.SLOT_UNAVAILABLE);
  }

  @Test
  void idempotencyKeysAreKeptForAtLeastADayThenForgotten() {
    publish();
    Instant start = Instant.parse("2027-03-02T14:00:00Z");
    book("b1", start, "key-1");
    clock.advance(java.time.Duration.ofHours(30));
    book("b2", Instant.parse("2027-03-03T14:00:00Z"), "key-2");
    var replay = book("b3", start, "key-1");
    assertThat(replay.reply().getValue().booking().id()).isEqualTo("b1");

    clock.advance(java.time.Duration.ofHours(20));
    var later = book("b4", Instant.parse("2027-03-04T14:00:00Z"), "key-4");
    assertThat(later.state().idempotency()).containsOnlyKeys("key-2", "key-4");
  }

  @Test
  void connectionsBringBusyTimeThatLeavesWithThem() {
    publish();
    Interval busy = new Interval(Instant.parse("2027-03-02T14:00:00Z"), Instant.parse("2027-03-02T15:00:00Z"));
    assertRejected(kit.<StatusReply<BusySource>>runCommand(r -> new SyncBusy("conn-1", List.of(busy), r)).reply(),
        RejectionCode.NOT_FOUND);
    assertRejected(kit.<StatusReply<ConnectionList>>runCommand(
        r -> new AddConnection(Access.anonymous(), "conn-1", ProviderKind.ICS, r)).reply(), RejectionCode.UNAUTHORIZED);

    var added = kit.<StatusReply<ConnectionList>>runCommand(r -> new AddConnection(HOST, "conn-1", ProviderKind.ICS, r));
    assertThat(added.reply().getValue().connectionIds()).containsExactly("conn-1");
    var synced = kit.<StatusReply<BusySource>>runCommand(r -> new SyncBusy("conn-1", List.of(busy), r));
    assertThat(synced.event()).isInstanceOf(HostCalendarEvent.BusyIntervalsReplaced.class);
    assertThat(kit.<StatusReply<BusySource>>runCommand(r -> new SyncBusy("conn-1", List.of(busy), r)).hasNoEvents())
        .as("the same busy time again persists nothing").isTrue();
    assertRejected(book("b1", busy.start(), null).reply(), RejectionCode.SLOT_UNAVAILABLE);
    assertThat(kit.<StatusReply<ConnectionList>>runCommand(r -> new ListConnections(HOST, r))
        .reply().getValue().connectionIds()).containsExactly("conn-1");

    var removed = kit.<StatusReply<ConnectionList>>runCommand(r -> new RemoveConnection(HOST, "conn-1", r));
    assertThat(removed.reply().getValue().connectionIds()).isEmpty();
    assertThat(removed.state().busyBySource()).doesNotContainKey("conn-1");
    assertThat(book("b1", busy.start(), null).reply().isSuccess()).isTrue();
    assertRejected(kit.<StatusReply<BusySource>>runCommand(r -> new SyncBusy("conn-1", List.of(busy), r)).reply(),
        RejectionCode.NOT_FOUND);
  }

  @Test
  void bookingsGoToTheGoogleCalendarAndFailWhenItIsDisconnected() {
    publish();
    kit.<StatusReply<ConnectionList>>runCommand(r -> new AddConnection(HOST, "google-1", ProviderKind.GOOGLE, r));
    var booked = book("b1", Instant.parse("2027-03-02T14:00:00Z"), null);
    var write = booked.reply().getValue().booking().calendarWrite();
    assertThat(write.connectionId()).isEqualTo("google-1");
    assertThat(write.status()).isEqualTo(dev.scheduler.protocol.model.CalendarWriteStatus.PENDING);

    var removed = kit.<StatusReply<ConnectionList>>runCommand(r -> new RemoveConnection(HOST, "google-1", r));
    var failed = removed.state().bookings().get("b1").calendarWrite();
    assertThat(failed.status()).isEqualTo(dev.scheduler.protocol.model.CalendarWriteStatus.FAILED);
    assertThat(failed.reason()).contains("disconnected");
    assertThat(book("b2", Instant.parse("2027-03-02T15:00:00Z"), null).reply().getValue().booking().calendarWrite())
        .as("no calendar receives bookings any more").isNull();
  }

  @Test
  void aFailedCalendarWriteIsRetriedAsTheNextVersionByTheHostOrTheAdminOnly() {
    publish();
    kit.<StatusReply<ConnectionList>>runCommand(r -> new AddConnection(HOST, "google-1", ProviderKind.GOOGLE, r));
    book("b1", Instant.parse("2027-03-02T14:00:00Z"), null);
    assertRejected(kit.<StatusReply<Booking>>runCommand(r -> new RetryCalendarWrite(HOST, "b1", r)).reply(),
        RejectionCode.CONFLICT);
    kit.<StatusReply<Booking>>runCommand(r -> new RecordCalendarWrite("google-1", "b1", 1, CalendarWriteStatus.FAILED,
        "refused", r));
    assertRejected(kit.<StatusReply<Booking>>runCommand(
        r -> new RetryCalendarWrite(Access.bookingToken("b1"), "b1", r)).reply(), RejectionCode.FORBIDDEN);

    var retried = kit.<StatusReply<Booking>>runCommand(r -> new RetryCalendarWrite(Access.asAdmin(), "b1", r));
    assertThat(retried.event()).isInstanceOf(HostCalendarEvent.CalendarWriteRetried.class);
    assertThat(retried.reply().getValue().calendarWrite().status()).isEqualTo(CalendarWriteStatus.PENDING);
    assertThat(retried.reply().getValue().calendarWrite().version()).isEqualTo(2);
    kit.restart();
    assertThat(kit.getState().bookings().get("b1").calendarWrite().version()).isEqualTo(2);
  }

  private void publish() {
    createHost();
    kit.<StatusReply<ScheduleView>>runCommand(r -> new SetSchedule(HOST, weekdays9to17(), r));
    kit.<StatusReply<EventType>>runCommand(r -> new SaveEventType(HOST, intro(), r));
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<HostProfile>>
      createHost() {
    return kit.runCommand(r -> new CreateHost(profile(), r));
  }

  private CommandResultWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState, StatusReply<BookingResult>>
      book(String id, Instant start, String key) {
    return kit.runCommand(r -> new Book(request(id, "intro", start, key), null, r));
  }

  private static NewBooking request(String id, String type, Instant start, String key) {
    return new NewBooking(id, type, start, invitee(), "hello", key, "fingerprint-" + start);
  }

  private static Invitee invitee() {
    return new Invitee("Bo", "bo@example.com", ZoneId.of("Europe/Paris"));
  }

  private static HostProfile profile() {
    return new HostProfile("host-1", "Ann", "ann@example.com", NEW_YORK, HOST_TOKEN_HASH, NOW);
  }

  private static EventType intro() {
    return new EventType("intro", "Intro call", 60, 60, 0, 0, 0, BookingWindow.rolling(30), null, 0);
  }

  private static Schedule weekdays9to17() {
    List<WallClockRange> nineToFive = List.of(WallClockRange.parse("09:00", "17:00"));
    return new Schedule(NEW_YORK, Map.of(
        DayOfWeek.MONDAY, nineToFive, DayOfWeek.TUESDAY, nineToFive, DayOfWeek.WEDNESDAY, nineToFive,
        DayOfWeek.THURSDAY, nineToFive, DayOfWeek.FRIDAY, nineToFive), Map.of());
  }

  private static void assertRejected(StatusReply<?> reply, RejectionCode code) {
    assertThat(reply.isError()).as("expected a rejection, got %s", reply).isTrue();
    assertThat(Rejection.fromStatusText(reply.getError().getMessage()))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(code));
  }
}
