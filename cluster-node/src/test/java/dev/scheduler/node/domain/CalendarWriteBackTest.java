package dev.scheduler.node.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.domain.CalendarWriteBack.Action;
import dev.scheduler.node.domain.CalendarWriteBack.Batch;
import dev.scheduler.node.domain.CalendarWriteBack.Row;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRecorded;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ConnectionRemoved;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CalendarWriteBackTest {
  private static final Booking BOOKING = Fixtures.confirmed("intro", "2027-03-02T10:00:00Z", "2027-03-02T11:00:00Z", 0, 0);
  private static final Instant AT = Instant.parse("2027-03-01T09:00:00Z");
  private static final CalendarWriteIntent TO_GOOGLE = new CalendarWriteIntent("conn-1", 3);

  @Test
  void aConfirmedBookingMeantForACalendarIsAnUpsertCarryingTheBookingAsTheCalendarShowsIt() {
    Row row = CalendarWriteBack.rowOf("host-1", 7, new BookingConfirmed(BOOKING, "fp", TO_GOOGLE)).orElseThrow();

    assertThat(row.connectionId()).isEqualTo("conn-1");
    assertThat(row.hostId()).isEqualTo("host-1");
    assertThat(row.sequenceNr()).isEqualTo(7);
    assertThat(row.bookingId()).isEqualTo(BOOKING.id());
    assertThat(row.action()).isEqualTo(Action.UPSERT);
    assertThat(row.intentVersion()).isEqualTo(3);
    assertThat(row.payload().summary()).isEqualTo("intro with Ada");
    assertThat(row.payload().description()).isEqualTo("Booked by Ada <ada@example.com>");
    assertThat(row.payload().start()).isEqualTo(BOOKING.start());
    assertThat(row.payload().end()).isEqualTo(BOOKING.end());
    assertThat(row.payload().inviteeEmail()).isEqualTo("ada@example.com");
  }

  @Test
  void theInviteesNotesFollowTheirNameInTheDescription() {
    Booking withNotes = new Booking(BOOKING.id(), BOOKING.eventType(), BOOKING.start(), BOOKING.end(), 0, 0,
        BOOKING.invitee(), "Bring the slides", BOOKING.status(), null, "k", AT, null);
    assertThat(CalendarWriteBack.payloadOf(withNotes).description())
        .isEqualTo("Booked by Ada <ada@example.com>\n\nBring the slides");
  }

  @Test
  void aRescheduleIsAMoveAndACancelADeleteWithoutPayload() {
    Row moved = CalendarWriteBack.rowOf("host-1", 8, new BookingRescheduled(BOOKING.id(), BOOKING.start().plusSeconds(3600),
        BOOKING.end().plusSeconds(3600), AT, new CalendarWriteIntent("conn-1", 4), 0, 0)).orElseThrow();
    Row cancelled = CalendarWriteBack.rowOf("host-1", 9,
        new BookingCancelled(BOOKING.id(), "ill", AT, new CalendarWriteIntent("conn-1", 5))).orElseThrow();

    assertThat(moved.action()).isEqualTo(Action.MOVE);
    assertThat(moved.intentVersion()).isEqualTo(4);
    assertThat(moved.payload()).isNull();
    assertThat(cancelled.action()).isEqualTo(Action.DELETE);
    assertThat(cancelled.sequenceNr()).isEqualTo(9);
    assertThat(cancelled.payload()).isNull();
  }

  @Test
  void eventsWithoutAWriteIntentAndOtherEventsAskForNoWrite() {
    assertThat(CalendarWriteBack.rowOf("host-1", 1, new BookingConfirmed(BOOKING, "fp", null))).isEmpty();
    assertThat(CalendarWriteBack.rowOf("host-1", 2, new BookingCancelled(BOOKING.id(), "x", AT, null))).isEmpty();
    assertThat(CalendarWriteBack.rowOf("host-1", 3, new BookingRescheduled(BOOKING.id(), AT, AT, AT, null, 0, 0)))
        .isEmpty();
    assertThat(CalendarWriteBack.rowOf("host-1", 4,
        new CalendarWriteRecorded(BOOKING.id(), 3, CalendarWriteStatus.WRITTEN, null, AT))).isEmpty();
    assertThat(CalendarWriteBack.rowOf("host-1", 5, new ConnectionRemoved("conn-1", AT))).isEqualTo(Optional.empty());
  }

  @Test
  void theJournalIsReadOnlyUpToUntaggedEventsAfterTheOffset() {
    assertThat(CalendarWriteBack.journalUpTo(10, OptionalLong.empty())).isEmpty();
    assertThat(CalendarWriteBack.journalUpTo(10, OptionalLong.of(10))).isEmpty();
    assertThat(CalendarWriteBack.journalUpTo(10, OptionalLong.of(4))).isEmpty();
    assertThat(CalendarWriteBack.journalUpTo(10, OptionalLong.of(25))).hasValue(25);
    assertThat(CalendarWriteBack.journalUpTo(0, OptionalLong.of(1))).hasValue(1);
  }

  @Test
  void untaggedEventsAreLookedForUpToTheLastRowReadOrToTheEndOfTheJournal() {
    assertThat(CalendarWriteBack.untaggedSearchEnd(List.of())).isEqualTo(Long.MAX_VALUE);
    assertThat(CalendarWriteBack.untaggedSearchEnd(List.of(row(4), row(9)))).isEqualTo(9);
  }

  @Test
  void withNoUntaggedEventTheRowsAreWrittenAndTheOffsetEndsAtTheLast() {
    Batch batch = CalendarWriteBack.plan(3, List.of(row(4), row(9)), OptionalLong.empty());
    assertThat(batch.journalUpTo()).isEmpty();
    assertThat(batch.rows()).extracting(Row::sequenceNr).containsExactly(4L, 9L);
    assertThat(batch.after()).isEqualTo(9);
  }

  @Test
  void theJournalIsReadUpToTheLastUntaggedEventAndTheRowsItCoversAreSkipped() {
    Batch batch = CalendarWriteBack.plan(3, List.of(row(4), row(9), row(12)), OptionalLong.of(10));
    assertThat(batch.journalUpTo()).hasValue(10);
    assertThat(batch.rows()).extracting(Row::sequenceNr).containsExactly(12L);
    assertThat(batch.after()).isEqualTo(12);

    Batch onlyJournal = CalendarWriteBack.plan(3, List.of(), OptionalLong.of(7));
    assertThat(onlyJournal.journalUpTo()).hasValue(7);
    assertThat(onlyJournal.rows()).isEmpty();
    assertThat(onlyJournal.after()).isEqualTo(7);
  }

  @Test
  void anUntaggedEventAtOrBelowTheOffsetIsDoneAlready() {
    Batch batch = CalendarWriteBack.plan(8, List.of(row(9)), OptionalLong.of(5));
    assertThat(batch.journalUpTo()).isEmpty();
    assertThat(batch.rows()).extracting(Row::sequenceNr).containsExactly(9L);
  }

  private static Row row(long sequenceNr) {
    return new Row("conn-1", "host-1", sequenceNr, BOOKING.id(), Action.DELETE, sequenceNr, null);
  }
}
