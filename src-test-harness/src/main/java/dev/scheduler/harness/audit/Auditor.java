package dev.scheduler.harness.audit;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges a run the way Jepsen does: from what the system stored, against what its clients were
 * told. Replaying each of the run's hosts' events in order, no two confirmed bookings may ever
 * block overlapping time; every acknowledged booking must be there and end as the clients were
 * told; no booking may exist that no client asked for. Requests with no definite answer may have
 * gone either way and are only counted.
 */
public final class Auditor {
  private Auditor() {}

  public static AuditResult audit(ClientLedger ledger, BookingHistorySource source) throws Exception {
    return audit(ledger, source.readAll());
  }

  public static AuditResult audit(ClientLedger ledger, Map<String, List<HistoryEvent>> history) {
    Set<String> hosts = ledger.hosts();
    List<Violation> violations = new ArrayList<>();
    Set<String> keysSent = new HashSet<>();
    ledger.bookings().forEach(b -> keysSent.add(b.hostId() + "\n" + b.idempotencyKey()));

    Map<String, HostReplay> replays = new HashMap<>();
    long events = 0;
    long bookingsInHistory = 0;
    long confirmedAtEnd = 0;
    for (String host : hosts) {
      List<HistoryEvent> hostEvents = history.getOrDefault(host, List.of());
      HostReplay replay = new HostReplay(host, keysSent, violations);
      hostEvents.forEach(replay::apply);
      replays.put(host, replay);
      events += hostEvents.size();
      bookingsInHistory += replay.bookings.size();
      confirmedAtEnd += replay.bookings.values().stream().filter(b -> b.confirmed).count();
    }

    checkAcknowledged(ledger, replays, violations);

    Map<String, Long> indeterminate = new LinkedHashMap<>();
    indeterminate.put("book", ledger.bookings().stream().filter(c -> c.outcome() == Outcome.INDETERMINATE).count());
    indeterminate.put("cancel", ledger.cancels().stream().filter(c -> c.outcome() == Outcome.INDETERMINATE).count());
    indeterminate.put("reschedule",
        ledger.reschedules().stream().filter(c -> c.outcome() == Outcome.INDETERMINATE).count());
    return new AuditResult(hosts.size(), events, bookingsInHistory, confirmedAtEnd,
        ledger.bookings().stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).count(),
        ledger.cancels().stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).count(),
        ledger.reschedules().stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).count(),
        indeterminate, violations);
  }

  /** Checks 2 and the refusals: compares every client's final answer with the host's final state. */
  private static void checkAcknowledged(ClientLedger ledger, Map<String, HostReplay> replays,
      List<Violation> violations) {
    Map<String, List<CancelCall>> cancelsByBooking = new HashMap<>();
    ledger.cancels().forEach(c -> cancelsByBooking.computeIfAbsent(c.hostId() + "\n" + c.bookingId(),
        k -> new ArrayList<>()).add(c));
    Map<String, List<RescheduleCall>> reschedulesByBooking = new HashMap<>();
    ledger.reschedules().forEach(r -> reschedulesByBooking.computeIfAbsent(r.hostId() + "\n" + r.bookingId(),
        k -> new ArrayList<>()).add(r));

    for (BookingCall call : ledger.bookings()) {
      HostReplay replay = replays.get(call.hostId());
      if (replay == null) {
        continue; // not one of the run's hosts: nothing to judge it against
      }
      if (call.outcome() != Outcome.ACKNOWLEDGED) {
        List<String> made = replay.bookingsByKey.getOrDefault(call.idempotencyKey(), List.of());
        if (!call.mayHaveApplied() && !made.isEmpty()) {
          violations.add(new Violation(Violation.Kind.REJECTED_BUT_BOOKED, call.hostId(), made,
              "request " + call.idempotencyKey() + " for " + call.start() + " was answered " + call.answer()
                  + " and yet booked"));
        }
        continue;
      }
      String key = call.hostId() + "\n" + call.bookingId();
      BookingState booking = replay.bookings.get(call.bookingId());
      if (booking == null) {
        violations.add(new Violation(Violation.Kind.LOST_BOOKING, call.hostId(), List.of(call.bookingId()),
            "acknowledged booking for " + call.start() + " (key " + call.idempotencyKey()
                + ", answered at " + call.answeredAt() + ") is not in the history"));
        continue;
      }
      if (!call.idempotencyKey().equals(booking.idempotencyKey)) {
        violations.add(new Violation(Violation.Kind.ACKNOWLEDGED_WRONG_BOOKING, call.hostId(),
            List.of(call.bookingId()), "acknowledged for key " + call.idempotencyKey()
                + " but stored with key " + booking.idempotencyKey));
      }
      List<CancelCall> cancels = cancelsByBooking.getOrDefault(key, List.of());
      boolean cancelAttempted = cancels.stream().anyMatch(CancelCall::mayHaveApplied);
      boolean cancelAcknowledged = cancels.stream().anyMatch(c -> c.outcome() == Outcome.ACKNOWLEDGED);
      if (!booking.confirmed && !cancelAttempted) {
        violations.add(new Violation(Violation.Kind.UNEXPECTED_CANCELLATION, call.hostId(),
            List.of(call.bookingId()), "acknowledged booking " + booking.span()
                + " ended cancelled, and no client tried to cancel it"));
      }
      if (booking.confirmed && cancelAcknowledged) {
        violations.add(new Violation(Violation.Kind.LOST_CANCELLATION, call.hostId(), List.of(call.bookingId()),
            "the cancellation was acknowledged, and the booking " + booking.span() + " is still confirmed"));
      }
      checkFinalTime(call, booking, reschedulesByBooking.getOrDefault(key, List.of()), violations);
    }
  }

  /**
   * After an acknowledged reschedule with no later attempt, the booking is at that time; with no
   * reschedule that may have applied, it is still at the time it was booked for.
   */
  private static void checkFinalTime(BookingCall call, BookingState booking, List<RescheduleCall> reschedules,
      List<Violation> violations) {
    List<RescheduleCall> ordered = new ArrayList<>(reschedules);
    ordered.sort(Comparator.comparingLong(RescheduleCall::seq));
    RescheduleCall lastAcknowledged = null;
    for (RescheduleCall r : ordered) {
      if (r.outcome() == Outcome.ACKNOWLEDGED) {
        lastAcknowledged = r;
      }
    }
    Instant expected;
    String why;
    if (lastAcknowledged != null) {
      long after = lastAcknowledged.seq();
      if (ordered.stream().anyMatch(r -> r.seq() > after && r.mayHaveApplied())) {
        return; // a later attempt may have moved it again: either time is possible
      }
      expected = lastAcknowledged.start();
      why = "a reschedule to " + expected + " was acknowledged at " + lastAcknowledged.answeredAt();
    } else if (ordered.stream().noneMatch(RescheduleCall::mayHaveApplied)) {
      expected = call.start();
      why = "it was booked for " + expected + " and never moved";
    } else {
      return;
    }
    if (!booking.start.equals(expected)) {
      violations.add(new Violation(Violation.Kind.WRONG_FINAL_TIME, call.hostId(), List.of(call.bookingId()),
          why + ", but the history ends with it at " + booking.start + ".." + booking.end));
    }
  }

  /** One booking while replaying. */
  private static final class BookingState {
    final String id;
    final String idempotencyKey;
    final int bufferBefore;
    final int bufferAfter;
    Instant start;
    Instant end;
    boolean confirmed = true;

    BookingState(Confirmed event) {
      id = event.bookingId();
      idempotencyKey = event.idempotencyKey();
      bufferBefore = event.bufferBeforeMinutes();
      bufferAfter = event.bufferAfterMinutes();
      start = event.start();
      end = event.end();
    }

    Instant blockedStart() {
      return start.minus(Duration.ofMinutes(bufferBefore));
    }

    Instant blockedEnd() {
      return end.plus(Duration.ofMinutes(bufferAfter));
    }

    String span() {
      return start + ".." + end + " (blocking " + blockedStart() + ".." + blockedEnd() + ")";
    }
  }

  /** Check 1 and 3, event by event for one host. */
  private static final class HostReplay {
    final String hostId;
    final Set<String> keysSent;
    final List<Violation> violations;
    final Map<String, BookingState> bookings = new LinkedHashMap<>();
    final Map<String, List<String>> bookingsByKey = new HashMap<>();
    /** Confirmed bookings by blocked start, for the overlap check. */
    final TreeMap<Instant, List<BookingState>> confirmedByBlockedStart = new TreeMap<>();
    final Set<String> overlapsReported = new HashSet<>();
    int position;

    HostReplay(String hostId, Set<String> keysSent, List<Violation> violations) {
      this.hostId = hostId;
      this.keysSent = keysSent;
      this.violations = violations;
    }

    void apply(HistoryEvent event) {
      position++;
      if (event instanceof Confirmed confirmed) {
        confirm(confirmed);
      } else if (event instanceof Rescheduled rescheduled) {
        reschedule(rescheduled);
      } else if (event instanceof Cancelled cancelled) {
        cancel(cancelled);
      }
    }

    private void confirm(Confirmed event) {
      if (bookings.containsKey(event.bookingId())) {
        inconsistent(event.bookingId(), "confirmed twice (event " + position + ")");
        return;
      }
      BookingState booking = new BookingState(event);
      bookings.put(booking.id, booking);
      String key = event.idempotencyKey();
      if (key == null || !keysSent.contains(hostId + "\n" + key)) {
        violations.add(new Violation(Violation.Kind.UNREQUESTED_BOOKING, hostId, List.of(booking.id),
            "booking " + booking.span() + " has idempotency key " + key + ", which no client sent"));
      }
      if (key != null) {
        List<String> sameKey = bookingsByKey.computeIfAbsent(key, k -> new ArrayList<>());
        sameKey.add(booking.id);
        if (sameKey.size() > 1) {
          violations.add(new Violation(Violation.Kind.DUPLICATE_BOOKING, hostId, List.copyOf(sameKey),
              "idempotency key " + key + " made " + sameKey.size() + " bookings"));
        }
      }
      checkOverlaps(booking);
      index(booking);
    }

    private void reschedule(Rescheduled event) {
      BookingState booking = bookings.get(event.bookingId());
      if (booking == null) {
        inconsistent(event.bookingId(), "rescheduled to " + event.start() + " but never confirmed");
        return;
      }
      if (!booking.confirmed) {
        inconsistent(booking.id, "rescheduled to " + event.start() + " after it was cancelled");
        return;
      }
      unindex(booking);
      booking.start = event.start();
      booking.end = event.end();
      checkOverlaps(booking);
      index(booking);
    }

    private void cancel(Cancelled event) {
      BookingState booking = bookings.get(event.bookingId());
      if (booking == null) {
        inconsistent(event.bookingId(), "cancelled but never confirmed");
        return;
      }
      if (booking.confirmed) {
        unindex(booking);
        booking.confirmed = false;
      }
    }

    /**
     * Compares the booking that just changed with every confirmed booking whose blocked span could
     * reach it. All the others were checked against each other when they changed.
     */
    private void checkOverlaps(BookingState changed) {
      Instant from = changed.blockedStart();
      Instant to = changed.blockedEnd();
      for (List<BookingState> group : confirmedByBlockedStart.headMap(to, false).values()) {
        for (BookingState other : group) {
          if (other.blockedEnd().isAfter(from) && !other.id.equals(changed.id)) {
            reportOverlap(changed, other);
          }
        }
      }
    }

    private void reportOverlap(BookingState a, BookingState b) {
      String pair = a.id.compareTo(b.id) < 0 ? a.id + "/" + b.id : b.id + "/" + a.id;
      if (!overlapsReported.add(pair)) {
        return;
      }
      boolean spansOverlap = a.start.isBefore(b.end) && b.start.isBefore(a.end);
      violations.add(new Violation(Violation.Kind.OVERLAP, hostId, List.of(b.id, a.id),
          "after event " + position + ", " + b.id + " " + b.span() + " and " + a.id + " " + a.span()
              + (spansOverlap ? " overlap" : " overlap only through their buffers")));
    }

    private void index(BookingState booking) {
      confirmedByBlockedStart.computeIfAbsent(booking.blockedStart(), k -> new ArrayList<>()).add(booking);
    }

    private void unindex(BookingState booking) {
      List<BookingState> group = confirmedByBlockedStart.get(booking.blockedStart());
      if (group != null) {
        group.remove(booking);
        if (group.isEmpty()) {
          confirmedByBlockedStart.remove(booking.blockedStart());
        }
      }
    }

    private void inconsistent(String bookingId, String what) {
      violations.add(new Violation(Violation.Kind.INCONSISTENT_HISTORY, hostId, List.of(bookingId),
          "booking " + bookingId + " " + what));
    }
  }
}
