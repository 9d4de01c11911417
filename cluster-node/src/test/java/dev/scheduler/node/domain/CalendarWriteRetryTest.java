package dev.scheduler.node.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.domain.CalendarWriteBack.Action;
import dev.scheduler.node.domain.CalendarWriteBack.Row;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRecorded;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRetried;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionAdded;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionRemoved;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.CalendarWrite;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.HostProfile;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Retrying a booking's failed calendar write: who may, which writes, and the row it becomes. */
class CalendarWriteRetryTest {
  private static final Instant AT = Instant.parse("2027-03-01T09:00:00Z");
  private static final Instant NOW = AT.plusSeconds(600);
  private static final String TOKEN_HASH = "f".repeat(64);
  private static final Access HOST_TOKEN = Access.hostToken(TOKEN_HASH);
  private static final Booking BOOKING = Fixtures.confirmed("intro", "2027-03-02T10:00:00Z", "2027-03-02T11:00:00Z", 0, 0);
  private static final HostCalendarState BOOKED = apply(
      HostCalendarState.created(new HostProfile("host-1", "Ann", "a@b.c", ZoneId.of("UTC"), TOKEN_HASH, AT)),
      new ConnectionAdded("conn-1", ProviderKind.GOOGLE, AT),
      new BookingConfirmed(BOOKING, "fp", new CalendarWriteIntent("conn-1", 1)));
  private static final HostCalendarState FAILED = apply(BOOKED,
      new CalendarWriteRecorded(BOOKING.id(), 1, CalendarWriteStatus.FAILED, "The provider refused the event.", AT));

  @Test
  void aFailedWriteIsAskedForAgainAsTheNextVersionAndIsPendingOnceMore() {
    var decision = HostConnectionRules.retryWrite(FAILED, Access.asAdmin(), BOOKING.id(), NOW);

    CalendarWriteRetried retried = (CalendarWriteRetried) onlyEvent(decision);
    assertThat(retried.writeTo()).isEqualTo(new CalendarWriteIntent("conn-1", 2));
    HostCalendarState after = apply(FAILED, retried);
    assertThat(after.bookings().get(BOOKING.id()).calendarWrite())
        .isEqualTo(new CalendarWrite("conn-1", 2, CalendarWriteStatus.PENDING, null, NOW));
    assertThat(HostConnectionRules.retryWrite(FAILED, HOST_TOKEN, BOOKING.id(), NOW))
        .as("the host may too").isInstanceOf(Decision.Persist.class);
  }

  @Test
  void aLateReportOfTheFailedAttemptChangesNothingAfterTheRetry() {
    HostCalendarState after = apply(FAILED, onlyEvent(HostConnectionRules.retryWrite(FAILED, HOST_TOKEN, BOOKING.id(), NOW)));
    assertThat(HostConnectionRules.recordWrite(after, "conn-1", BOOKING.id(), 1, CalendarWriteStatus.WRITTEN, null, NOW))
        .isInstanceOf(Decision.Answer.class);
    assertThat(HostConnectionRules.recordWrite(after, "conn-1", BOOKING.id(), 2, CalendarWriteStatus.WRITTEN, null, NOW))
        .isInstanceOf(Decision.Persist.class);
  }

  @Test
  void onlyAFailedWriteToACalendarStillConnectedIsRetried() {
    assertRejected(HostConnectionRules.retryWrite(BOOKED, HOST_TOKEN, BOOKING.id(), NOW), RejectionCode.CONFLICT);
    HostCalendarState written = apply(BOOKED,
        new CalendarWriteRecorded(BOOKING.id(), 1, CalendarWriteStatus.WRITTEN, null, AT));
    assertRejected(HostConnectionRules.retryWrite(written, HOST_TOKEN, BOOKING.id(), NOW), RejectionCode.CONFLICT);
    HostCalendarState disconnected = apply(BOOKED, new ConnectionRemoved("conn-1", AT));
    assertThat(disconnected.bookings().get(BOOKING.id()).calendarWrite().status()).isEqualTo(CalendarWriteStatus.FAILED);
    assertRejected(HostConnectionRules.retryWrite(disconnected, HOST_TOKEN, BOOKING.id(), NOW), RejectionCode.CONFLICT);
    assertRejected(HostConnectionRules.retryWrite(FAILED, HOST_TOKEN, "no-such-booking", NOW), RejectionCode.NOT_FOUND);
  }

  @Test
  void anInviteesBookingTokenOrNoTokenMayNotRetry() {
    assertRejected(HostConnectionRules.retryWrite(FAILED, Access.bookingToken(BOOKING.id()), BOOKING.id(), NOW),
        RejectionCode.FORBIDDEN);
    assertRejected(HostConnectionRules.retryWrite(FAILED, Access.anonymous(), BOOKING.id(), NOW),
        RejectionCode.UNAUTHORIZED);
  }

  @Test
  void theRetryOfAConfirmedBookingIsAnUpsertOfItAndOfACancelledOneADelete() {
    Row upsert = CalendarWriteBack.rowOf("host-1", 12, onlyEvent(
        HostConnectionRules.retryWrite(FAILED, HOST_TOKEN, BOOKING.id(), NOW))).orElseThrow();
    assertThat(upsert.action()).isEqualTo(Action.UPSERT);
    assertThat(upsert.connectionId()).isEqualTo("conn-1");
    assertThat(upsert.intentVersion()).isEqualTo(2);
    assertThat(upsert.payload()).isEqualTo(CalendarWriteBack.payloadOf(BOOKING));

    HostCalendarState cancelFailed = apply(FAILED, new BookingCancelled(BOOKING.id(), "ill", AT,
        new CalendarWriteIntent("conn-1", 2)), new CalendarWriteRecorded(BOOKING.id(), 2, CalendarWriteStatus.FAILED,
        "refused", AT));
    Row delete = CalendarWriteBack.rowOf("host-1", 14, onlyEvent(
        HostConnectionRules.retryWrite(cancelFailed, HOST_TOKEN, BOOKING.id(), NOW))).orElseThrow();
    assertThat(delete.action()).isEqualTo(Action.DELETE);
    assertThat(delete.intentVersion()).isEqualTo(3);
    assertThat(delete.payload()).isNull();
  }

  private static HostCalendarState apply(HostCalendarState state, HostCalendarEvent... events) {
    for (HostCalendarEvent event : events) {
      state = HostCalendarEvolution.evolve(state, event);
    }
    return state;
  }

  private static HostCalendarEvent onlyEvent(Decision<?> decision) {
    assertThat(decision).isInstanceOf(Decision.Persist.class);
    var events = ((Decision.Persist<?>) decision).events();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static void assertRejected(Decision<?> decision, RejectionCode code) {
    assertThat(decision).isInstanceOfSatisfying(Decision.Reject.class,
        reject -> assertThat(reject.rejection().code()).isEqualTo(code));
  }
}
