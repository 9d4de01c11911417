package dev.scheduler.node.domain;

import dev.scheduler.node.domain.ConnectionDecision.FollowUp;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionEvent.Connected;
import dev.scheduler.protocol.connection.ConnectionEvent.CredentialsRefreshed;
import dev.scheduler.protocol.connection.ConnectionEvent.Quarantined;
import dev.scheduler.protocol.connection.ConnectionEvent.Reconnected;
import dev.scheduler.protocol.connection.ConnectionEvent.Removed;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncFailed;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncPaused;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncResumed;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncSucceeded;
import dev.scheduler.protocol.connection.ConnectionEvent.WriterProgressed;
import dev.scheduler.protocol.connection.ConnectionSetup;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionStatus;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decisions of one calendar connection: what its host asks of it (connect, reconnect, remove, read
 * its account), and which reports of its sync and writer the host would see a difference in. A
 * connection that was never made has no state (null); a removed one keeps its state and does nothing.
 */
public final class CalendarConnectionRules {
  /** A steady stream of successes is persisted at most this often, to keep the journal small. */
  public static final Duration SUCCESS_REFRESH = Duration.ofMinutes(5);

  private CalendarConnectionRules() {}

  /** Asking again for the same host answers the same connection; an id of another host's is taken. */
  public static ConnectionDecision<ConnectionView> connect(
      ConnectionState state, String connectionId, ConnectionSetup setup, Instant now) {
    if (state == null) {
      return ConnectionDecision.persist(new Connected(connectionId, setup.hostId(), setup.provider(), setup.label(),
          setup.hostTimeZone(), setup.sealedCredentials(), setup.calendarId(), setup.account(), now),
          ConnectionState::view, FollowUp.START);
    }
    if (!state.hostId().equals(setup.hostId())) {
      return ConnectionDecision.reject(RejectionCode.CONFLICT, "This connection id is taken.");
    }
    return ConnectionDecision.answer(state.view());
  }

  public static ConnectionDecision<ConnectionView> remove(ConnectionState state, boolean revokeGrant, Instant now) {
    if (state.removed()) {
      return ConnectionDecision.answer(state.view());
    }
    return ConnectionDecision.persist(new Removed(now), ConnectionState::view,
        revokeGrant ? FollowUp.CLOSE_AND_REVOKE_GRANT : FollowUp.CLOSE);
  }

  /** New credentials for the same account (after a revoked grant, say): syncing starts over. */
  public static ConnectionDecision<ConnectionView> reconnect(ConnectionState state, String sealed, Instant now) {
    if (state.removed()) {
      return ConnectionDecision.reject(RejectionCode.NOT_FOUND, "This calendar connection was removed.");
    }
    return ConnectionDecision.persist(new Reconnected(sealed, now), ConnectionState::view, FollowUp.RESTART);
  }

  /**
   * An operator stops the connection's reads of its provider; its busy time stays and bookings are
   * still written to it (pausing is about reading busy time). A disconnected connection reads
   * nothing already, and its writer refuses writes: it must be connected again, not paused.
   */
  public static ConnectionDecision<ConnectionView> pause(ConnectionState state, Instant now) {
    if (state.removed()) {
      return ConnectionDecision.reject(RejectionCode.NOT_FOUND, "This calendar connection was removed.");
    }
    if (state.paused()) {
      return ConnectionDecision.answer(state.view());
    }
    if (state.status() == ConnectionStatus.DISCONNECTED) {
      return ConnectionDecision.reject(RejectionCode.CONFLICT,
          "This connection is disconnected: there is no sync to pause; connect the calendar again first.");
    }
    return ConnectionDecision.persist(new SyncPaused(now), ConnectionState::view, FollowUp.PAUSE);
  }

  /** Reads again at once, from a full read; a connection that is not paused is answered unchanged. */
  public static ConnectionDecision<ConnectionView> resume(ConnectionState state, Instant now) {
    if (state.removed()) {
      return ConnectionDecision.reject(RejectionCode.NOT_FOUND, "This calendar connection was removed.");
    }
    if (!state.paused()) {
      return ConnectionDecision.answer(state.view());
    }
    return ConnectionDecision.persist(new SyncResumed(now), ConnectionState::view, FollowUp.RESUME);
  }

  /** Whether the account behind the connection may be read or its grant shared: a syncing Google one. */
  public static ConnectionDecision<Void> readsItsAccount(ConnectionState state) {
    if (state.provider() != ProviderKind.GOOGLE) {
      return ConnectionDecision.reject(RejectionCode.INVALID_REQUEST,
          "A " + state.provider() + " connection has one calendar only.");
    }
    if (!state.syncs()) {
      return ConnectionDecision.reject(RejectionCode.INVALID_REQUEST, "This connection is "
          + state.status().name().toLowerCase(java.util.Locale.ROOT) + ": connect the Google account again first.");
    }
    return ConnectionDecision.none();
  }

  /** Persisted when it changes what the host sees, or when the last persisted success is old. */
  public static ConnectionDecision<Void> synced(ConnectionState state, int busyIntervals, Instant now) {
    boolean unchanged = state.status() == ConnectionStatus.OK && state.busyIntervals() == busyIntervals
        && state.lastSuccessfulSync() != null && state.lastSuccessfulSync().plus(SUCCESS_REFRESH).isAfter(now);
    return state.removed() || state.paused() || unchanged ? ConnectionDecision.none()
        : ConnectionDecision.record(new SyncSucceeded(busyIntervals, now));
  }

  /** As below, for failures that are not fatal and never quarantine. */
  public static ConnectionDecision<Void> failed(ConnectionState state, String error, boolean revoked, Instant now) {
    return failed(state, new Failure(error, revoked, false, 1), QuarantinePolicy.DEFAULT, now);
  }

  /**
   * What the sync reported failing: {@code fatal} when retrying soon will not help (a feed over a
   * limit, a refused address, a bug); {@code inARow} counts the sync's failures since its last success.
   */
  public record Failure(String error, boolean revoked, boolean fatal, int inARow) {}

  /**
   * A revoked grant disconnects the connection; a fatal failure, or too many in a row, quarantines
   * it (its sync waits until the retry time, restarts included); any other failure degrades it
   * until a sync succeeds.
   */
  public static ConnectionDecision<Void> failed(ConnectionState state, Failure failure, QuarantinePolicy policy,
      Instant now) {
    // A paused connection's status stays paused: a report of a read stopped by the pause comes late.
    if (state.removed() || state.paused()) {
      return ConnectionDecision.none();
    }
    if (!failure.revoked() && policy.applies(failure.fatal(), failure.inARow())) {
      int inARow = state.quarantines() + 1;
      return ConnectionDecision.record(new Quarantined(failure.error(), now.plus(policy.length(inARow)), inARow, now),
          FollowUp.QUARANTINE);
    }
    String error = failure.error();
    ConnectionStatus status = failure.revoked() ? ConnectionStatus.DISCONNECTED : ConnectionStatus.DEGRADED;
    boolean unchanged = status == state.status() && Objects.equals(error, state.lastError());
    return state.removed() || unchanged ? ConnectionDecision.none()
        : ConnectionDecision.record(new SyncFailed(error, status, now));
  }

  public static ConnectionDecision<Void> credentialsRefreshed(ConnectionState state, String sealed, Instant now) {
    return state.removed() ? ConnectionDecision.none() : ConnectionDecision.record(new CredentialsRefreshed(sealed, now));
  }

  public static ConnectionDecision<Void> writerProgressed(ConnectionState state, long hostSequenceNr) {
    return state.removed() || hostSequenceNr <= state.writerOffset() ? ConnectionDecision.none()
        : ConnectionDecision.record(new WriterProgressed(hostSequenceNr));
  }
}
