package dev.scheduler.harness.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the load's clients asked for and what they finally saw, one entry per request (after its
 * retries): the auditor's other input besides the system's stored history. Recording is
 * thread-safe; the accessors return copies.
 */
public final class ClientLedger {

  /** The final answer a client got for one request. */
  public enum Outcome {
    /** A 2xx answer: the system said it did it. */
    ACKNOWLEDGED,
    /** A 4xx answer (409 slot taken, 404, ...): the system said it did not. */
    REJECTED,
    /** No definite answer (timeout, 503, other 5xx, connection lost): it may or may not have happened. */
    INDETERMINATE,
    /** Never reached the system (connection refused, client overloaded): it did not happen. */
    FAILED
  }

  /**
   * A booking request. {@code uncertain} is true when some attempt before the final one had no
   * definite answer, so even a final rejection does not prove that nothing was booked. {@code answer}
   * is a short description of the final answer ("201", "409", "timeout").
   */
  public record BookingCall(long seq, String hostId, String idempotencyKey, Instant start, Outcome outcome,
      boolean uncertain, String bookingId, String answer, Instant sentAt, Instant answeredAt) {

    public boolean mayHaveApplied() {
      return outcome == Outcome.ACKNOWLEDGED || outcome == Outcome.INDETERMINATE || uncertain;
    }
  }

  public record CancelCall(long seq, String hostId, String bookingId, Outcome outcome, boolean uncertain,
      String answer, Instant sentAt, Instant answeredAt) {

    public boolean mayHaveApplied() {
      return outcome == Outcome.ACKNOWLEDGED || outcome == Outcome.INDETERMINATE || uncertain;
    }
  }

  public record RescheduleCall(long seq, String hostId, String bookingId, Instant start, Outcome outcome,
      boolean uncertain, String answer, Instant sentAt, Instant answeredAt) {

    public boolean mayHaveApplied() {
      return outcome == Outcome.ACKNOWLEDGED || outcome == Outcome.INDETERMINATE || uncertain;
    }
  }

  private final Set<String> hosts = new LinkedHashSet<>();
  private final List<BookingCall> bookings = new ArrayList<>();
  private final List<CancelCall> cancels = new ArrayList<>();
  private final List<RescheduleCall> reschedules = new ArrayList<>();

  /** A host the run created: only these are audited. */
  public synchronized void addHost(String hostId) {
    hosts.add(hostId);
  }

  public synchronized void addHosts(Collection<String> hostIds) {
    hosts.addAll(hostIds);
  }

  public synchronized void record(BookingCall call) {
    bookings.add(call);
  }

  public synchronized void record(CancelCall call) {
    cancels.add(call);
  }

  public synchronized void record(RescheduleCall call) {
    reschedules.add(call);
  }

  /** Adds everything another ledger recorded (a warm-up run on the same hosts, say), to be audited together. */
  public void addAll(ClientLedger other) {
    if (other == this) {
      return;
    }
    Set<String> otherHosts = other.hosts();
    List<BookingCall> otherBookings = other.bookings();
    List<CancelCall> otherCancels = other.cancels();
    List<RescheduleCall> otherReschedules = other.reschedules();
    synchronized (this) {
      hosts.addAll(otherHosts);
      bookings.addAll(otherBookings);
      cancels.addAll(otherCancels);
      reschedules.addAll(otherReschedules);
    }
  }

  public synchronized Set<String> hosts() {
    return Set.copyOf(hosts);
  }

  public synchronized List<BookingCall> bookings() {
    return List.copyOf(bookings);
  }

  public synchronized List<CancelCall> cancels() {
    return List.copyOf(cancels);
  }

  public synchronized List<RescheduleCall> reschedules() {
    return List.copyOf(reschedules);
  }
}
