package dev.scheduler.node.connection;

import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
import dev.scheduler.protocol.connection.ConnectionEvent;
import dev.scheduler.protocol.connection.ConnectionEvent.Connected;
import dev.scheduler.protocol.connection.ConnectionEvent.Reconnected;
import dev.scheduler.protocol.connection.ConnectionEvent.CredentialsRefreshed;
import dev.scheduler.protocol.connection.ConnectionEvent.Removed;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncFailed;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncSucceeded;
import dev.scheduler.protocol.connection.ConnectionEvent.WriterProgressed;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How a connection's events change its state, and which sync reports are worth an event. */
final class ConnectionStates {
  /** A steady stream of successes is persisted at most this often, to keep the journal small. */
  static final Duration SUCCESS_REFRESH = Duration.ofMinutes(5);

  private ConnectionStates() {}

  static Connected connected(String connectionId, Connect connect, Instant now) {
    return new Connected(connectionId, connect.hostId(), connect.provider(), connect.label(), connect.hostTimeZone(),
        connect.sealedCredentials(), connect.calendarId(), connect.account(), now);
  }

  static ConnectionState apply(ConnectionState state, ConnectionEvent event) {
    if (event instanceof Connected c) {
      return new ConnectionState(c.connectionId(), c.hostId(), c.provider(), c.label(), c.hostTimeZone(),
          c.sealedCredentials(), c.calendarId(), c.account(), ConnectionStatus.SYNCING, c.at(), null, null, null, 0,
          false, 0);
    }
    if (event instanceof Reconnected r) {
      return new ConnectionState(state.connectionId(), state.hostId(), state.provider(), state.label(),
          state.hostTimeZone(), r.sealedCredentials(), state.calendarId(), state.account(), ConnectionStatus.SYNCING,
          state.connectedAt(), state.lastSuccessfulSync(), state.lastError(), state.lastErrorAt(),
          state.busyIntervals(), state.removed(), state.writerOffset());
    }
    if (event instanceof CredentialsRefreshed r) {
      return new ConnectionState(state.connectionId(), state.hostId(), state.provider(), state.label(),
          state.hostTimeZone(), r.sealedCredentials(), state.calendarId(), state.account(), state.status(),
          state.connectedAt(), state.lastSuccessfulSync(), state.lastError(), state.lastErrorAt(),
          state.busyIntervals(), state.removed(), state.writerOffset());
    }
    if (event instanceof SyncSucceeded s) {
      return new ConnectionState(state.connectionId(), state.hostId(), state.provider(), state.label(),
          state.hostTimeZone(), state.sealedCredentials(), state.calendarId(), state.account(), ConnectionStatus.OK,
          state.connectedAt(), s.at(), state.lastError(), state.lastErrorAt(), s.busyIntervals(), state.removed(),
          state.writerOffset());
    }
    if (event instanceof SyncFailed f) {
      return new ConnectionState(state.connectionId(), state.hostId(), state.provider(), state.label(),
          state.hostTimeZone(), state.sealedCredentials(), state.calendarId(), state.account(), f.status(),
          state.connectedAt(), state.lastSuccessfulSync(), f.error(), f.at(), state.busyIntervals(), state.removed(),
          state.writerOffset());
    }
    if (event instanceof Removed) {
      return new ConnectionState(state.connectionId(), state.hostId(), state.provider(), state.label(),
          state.hostTimeZone(), null, state.calendarId(), state.account(), state.status(), state.connectedAt(),
          state.lastSuccessfulSync(), state.lastError(), state.lastErrorAt(), 0, true, state.writerOffset());
    }
    if (event instanceof WriterProgressed progressed) {
      return new ConnectionState(state.connectionId(), state.hostId(), state.provider(), state.label(),
          state.hostTimeZone(), state.sealedCredentials(), state.calendarId(), state.account(), state.status(),
          state.connectedAt(), state.lastSuccessfulSync(), state.lastError(), state.lastErrorAt(),
          state.busyIntervals(), state.removed(), Math.max(state.writerOffset(), progressed.hostSequenceNr()));
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getName());
  }

  /** The event a report leads to, if the host would see a difference (or the last success is old). */
  static Optional<ConnectionEvent> eventFor(ConnectionState state, ConnectionReport report, Instant now) {
    if (state.removed()) {
      return Optional.empty();
    }
    if (report instanceof ConnectionReport.WriterProgress progress) {
      return progress.hostSequenceNr() > state.writerOffset()
          ? Optional.of(new WriterProgressed(progress.hostSequenceNr())) : Optional.empty();
    }
    if (report instanceof ConnectionReport.CredentialsRefreshed refreshed) {
      return Optional.of(new CredentialsRefreshed(refreshed.sealedCredentials(), now));
    }
    if (report instanceof ConnectionReport.Synced synced) {
      boolean unchanged = state.status() == ConnectionStatus.OK && state.busyIntervals() == synced.busyIntervals()
          && state.lastSuccessfulSync() != null && state.lastSuccessfulSync().plus(SUCCESS_REFRESH).isAfter(now);
      return unchanged ? Optional.empty() : Optional.of(new SyncSucceeded(synced.busyIntervals(), now));
    }
    ConnectionReport.Failed failed = (ConnectionReport.Failed) report;
    ConnectionStatus status = failed.revoked() ? ConnectionStatus.DISCONNECTED : ConnectionStatus.DEGRADED;
    boolean unchanged = status == state.status() && Objects.equals(failed.error(), state.lastError());
    return unchanged ? Optional.empty() : Optional.of(new SyncFailed(failed.error(), status, now));
  }
}
