package dev.scheduler.harness.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.audit.ClientLedger.BookingCall;
import dev.scheduler.harness.audit.ClientLedger.CancelCall;
import dev.scheduler.harness.audit.ClientLedger.Outcome;
import dev.scheduler.harness.audit.ClientLedger.RescheduleCall;
import dev.scheduler.harness.audit.HistoryEvent.Cancelled;
import dev.scheduler.harness.audit.HistoryEvent.Confirmed;
import dev.scheduler.harness.audit.HistoryEvent.Rescheduled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the audit, caught when planted in an otherwise clean history, and a clean history passing. */
class AuditorTest {
  private static final String HOST = "h1";
  private static final Instant NINE = Instant.parse("2027-03-01T09:00:00Z");

  private final ClientLedger ledger = new ClientLedger();
  private final List<HistoryEvent> events = new ArrayList<>();
  private long seq;

  AuditorTest() {
    ledger.addHost(HOST);
  }

  @Test
  void aCleanHistoryPasses() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);
    // adjacent through the buffer exactly: 09:00-09:30 blocks until 09:40, the next one starts 09:40
    book("b2", "k2", at(40), Outcome.ACKNOWLEDGED);
    booked("b2", "k2", at(40), 30, 10);
    reschedule("b2", at(120), Outcome.ACKNOWLEDGED);
    events.add(new Rescheduled(HOST, "b2", at(120), at(150)));
    cancel("b1", Outcome.ACKNOWLEDGED);
    events.add(new Cancelled(HOST, "b1"));
    // a freed span can be booked again
    book("b3", "k3", at(10), Outcome.ACKNOWLEDGED);
    booked("b3", "k3", at(10), 30, 10);
    // refused requests and an indeterminate one that did not happen
    book(null, "k4", at(10), Outcome.REJECTED);
    book(null, "k5", at(200), Outcome.INDETERMINATE);
    // an indeterminate one that did happen
    book(null, "k6", at(300), Outcome.INDETERMINATE);
    booked("b6", "k6", at(300), 30, 10);

    AuditResult result = audit();

    assertThat(result.violations()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.eventsRead()).isEqualTo(6);
    assertThat(result.acknowledgedBookings()).isEqualTo(3);
    assertThat(result.confirmedAtEnd()).isEqualTo(3);
    assertThat(result.indeterminate()).containsEntry("book", 2L);
  }

  @Test
  void twoBookingsOverTheSameTimeAreAnOverlap() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    book("b2", "k2", at(15), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 0);
    booked("b2", "k2", at(15), 30, 0);

    AuditResult result = audit();

    assertThat(result.passed()).isFalse();
    assertThat(result.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.OVERLAP);
      assertThat(v.hostId()).isEqualTo(HOST);
      assertThat(v.bookingIds()).containsExactlyInAnyOrder("b1", "b2");
      assertThat(v.detail()).contains("2027-03-01T09:00:00Z", "2027-03-01T09:15:00Z").doesNotContain("buffers");
    });
  }

  @Test
  void aBufferThatReachesTheNextBookingIsAnOverlap() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    book("b2", "k2", at(30), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10); // blocks 09:00-09:40
    booked("b2", "k2", at(30), 30, 10); // starts 09:30

    AuditResult result = audit();

    assertThat(result.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.OVERLAP);
      assertThat(v.detail()).contains("only through their buffers");
    });
  }

  @Test
  void aBufferBeforeCountsToo() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    book("b2", "k2", at(30), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 0);
    events.add(new Confirmed(HOST, "b2", "k2", at(30), at(60), 5, 0)); // blocks from 09:25

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.OVERLAP);
  }

  @Test
  void anOverlapMadeByARescheduleIsCaught() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    book("b2", "k2", at(120), Outcome.ACKNOWLEDGED);
    reschedule("b2", at(20), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);
    booked("b2", "k2", at(120), 30, 10);
    events.add(new Rescheduled(HOST, "b2", at(20), at(50)));

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.OVERLAP);
  }

  @Test
  void anOverlapThatExistedOnlyInTheMiddleOfTheHistoryIsCaught() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    book("b2", "k2", at(10), Outcome.INDETERMINATE);
    cancel("b1", Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);
    booked("b2", "k2", at(10), 30, 10);
    events.add(new Cancelled(HOST, "b1")); // fine at the end, not after event 2

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.OVERLAP);
  }

  @Test
  void anAcknowledgedBookingMissingFromTheHistoryIsLost() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    book("b2", "k2", at(60), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);

    assertThat(audit().violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.LOST_BOOKING);
      assertThat(v.bookingIds()).containsExactly("b2");
      assertThat(v.detail()).contains("2027-03-01T10:00:00Z");
    });
  }

  @Test
  void anAcknowledgedBookingCancelledByNobodyIsLost() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);
    events.add(new Cancelled(HOST, "b1"));

    assertThat(audit().violations()).extracting(Violation::kind)
        .containsExactly(Violation.Kind.UNEXPECTED_CANCELLATION);
  }

  @Test
  void aCancellationWithNoAnswerExplainsACancelledBooking() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    cancel("b1", Outcome.INDETERMINATE);
    booked("b1", "k1", at(0), 30, 10);
    events.add(new Cancelled(HOST, "b1"));

    assertThat(audit().violations()).isEmpty();
  }

  @Test
  void anAcknowledgedCancellationThatDidNotHappenIsCaught() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    cancel("b1", Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.LOST_CANCELLATION);
  }

  @Test
  void aBookingNobodyAskedForIsCaught() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);
    booked("b9", "someone-else", at(120), 30, 10);
    events.add(new Confirmed(HOST, "b10", null, at(240), at(270), 0, 10));

    AuditResult result = audit();

    assertThat(result.violations()).extracting(Violation::kind)
        .containsExactly(Violation.Kind.UNREQUESTED_BOOKING, Violation.Kind.UNREQUESTED_BOOKING);
    assertThat(result.violations()).flatExtracting(Violation::bookingIds).containsExactly("b9", "b10");
  }

  @Test
  void aKeySentToAnotherHostDoesNotExplainABooking() {
    ledger.addHost("h2");
    ledger.record(new BookingCall(seq++, "h2", "k1", at(0), Outcome.INDETERMINATE, false, null, "timeout", NINE, NINE));
    booked("b1", "k1", at(0), 30, 10);

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.UNREQUESTED_BOOKING);
  }

  @Test
  void twoBookingsFromOneKeyAreADuplicate() {
    book(null, "k1", at(0), Outcome.INDETERMINATE);
    booked("b1", "k1", at(0), 30, 10);
    booked("b2", "k1", at(120), 30, 10);

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.DUPLICATE_BOOKING);
  }

  @Test
  void aRefusedRequestThatBookedAnywayIsCaughtUnlessAnEarlierAttemptHadNoAnswer() {
    book(null, "k1", at(0), Outcome.REJECTED);
    booked("b1", "k1", at(0), 30, 10);
    ledger.record(new BookingCall(seq++, HOST, "k2", at(120), Outcome.REJECTED, true, null, "409", NINE, NINE));
    booked("b2", "k2", at(120), 30, 10);

    assertThat(audit().violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.REJECTED_BUT_BOOKED);
      assertThat(v.bookingIds()).containsExactly("b1");
    });
  }

  @Test
  void theFinalTimeIsTheLastAcknowledgedReschedule() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    reschedule("b1", at(120), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);
    events.add(new Rescheduled(HOST, "b1", at(240), at(270))); // not where the client was told

    assertThat(audit().violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.WRONG_FINAL_TIME);
      assertThat(v.detail()).contains("2027-03-01T11:00:00Z", "2027-03-01T13:00:00Z");
    });
  }

  @Test
  void anAcknowledgedRescheduleThatNeverHappenedIsAWrongFinalTime() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    reschedule("b1", at(120), Outcome.ACKNOWLEDGED);
    booked("b1", "k1", at(0), 30, 10);

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.WRONG_FINAL_TIME);
  }

  @Test
  void aLaterRescheduleWithNoAnswerMayHaveMovedIt() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    reschedule("b1", at(120), Outcome.ACKNOWLEDGED);
    reschedule("b1", at(240), Outcome.INDETERMINATE);
    booked("b1", "k1", at(0), 30, 10);
    events.add(new Rescheduled(HOST, "b1", at(120), at(150)));
    events.add(new Rescheduled(HOST, "b1", at(240), at(270)));

    assertThat(audit().violations()).isEmpty();
  }

  @Test
  void aBookingNobodyMovedMustStayWhereItWasBooked() {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    reschedule("b1", at(120), Outcome.REJECTED);
    booked("b1", "k1", at(0), 30, 10);
    events.add(new Rescheduled(HOST, "b1", at(120), at(150)));

    assertThat(audit().violations()).extracting(Violation::kind).containsExactly(Violation.Kind.WRONG_FINAL_TIME);
  }

  @Test
  void hostsOutsideTheRunAreNotAudited() {
    Map<String, List<HistoryEvent>> history = Map.of("other", List.of(
        new Confirmed("other", "x1", "unknown", at(0), at(30), 0, 10),
        new Confirmed("other", "x2", "unknown", at(0), at(30), 0, 10)));

    AuditResult result = Auditor.audit(ledger, history);

    assertThat(result.passed()).isTrue();
    assertThat(result.hostsAudited()).isEqualTo(1);
    assertThat(result.eventsRead()).isZero();
  }

  @Test
  void eventsForBookingsThatWereNeverConfirmedAreInconsistent() {
    events.add(new Cancelled(HOST, "ghost"));
    events.add(new Rescheduled(HOST, "ghost2", at(0), at(30)));

    assertThat(audit().violations()).extracting(Violation::kind)
        .containsExactly(Violation.Kind.INCONSISTENT_HISTORY, Violation.Kind.INCONSISTENT_HISTORY);
  }

  @Test
  void theSourceIsRead() throws Exception {
    book("b1", "k1", at(0), Outcome.ACKNOWLEDGED);
    BookingHistorySource source = () -> Map.of(HOST, List.of());

    assertThat(Auditor.audit(ledger, source).violations()).extracting(Violation::kind)
        .containsExactly(Violation.Kind.LOST_BOOKING);
  }

  private AuditResult audit() {
    return Auditor.audit(ledger, Map.of(HOST, events));
  }

  private static Instant at(int minutesAfterNine) {
    return NINE.plus(Duration.ofMinutes(minutesAfterNine));
  }

  private void booked(String id, String key, Instant start, int minutes, int bufferAfter) {
    events.add(new Confirmed(HOST, id, key, start, start.plus(Duration.ofMinutes(minutes)), 0, bufferAfter));
  }

  private void book(String bookingId, String key, Instant start, Outcome outcome) {
    ledger.record(new BookingCall(seq++, HOST, key, start, outcome, false, bookingId,
        outcome == Outcome.ACKNOWLEDGED ? "201" : "409", NINE, NINE));
  }

  private void cancel(String bookingId, Outcome outcome) {
    ledger.record(new CancelCall(seq++, HOST, bookingId, outcome, false, "200", NINE, NINE));
  }

  private void reschedule(String bookingId, Instant start, Outcome outcome) {
    ledger.record(new RescheduleCall(seq++, HOST, bookingId, start, outcome, false, "200", NINE, NINE));
  }
}
