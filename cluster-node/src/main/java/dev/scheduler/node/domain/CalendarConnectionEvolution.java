package dev.scheduler.node.domain;

import dev.scheduler.protocol.connection.ConnectionEvent;
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
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionStatus;

/** How each event changes a calendar connection's state. Pure and deterministic: recovery replays it. */
public final class CalendarConnectionEvolution {
  private CalendarConnectionEvolution() {}

  public static ConnectionState evolve(ConnectionState state, ConnectionEvent event) {
    if (event instanceof Connected c) {
      return new ConnectionState(c.connectionId(), c.hostId(), c.provider(), c.label(), c.hostTimeZone(),
          c.sealedCredentials(), c.calendarId(), c.account(), ConnectionStatus.SYNCING, c.at(), null, null, null, 0,
          false, 0, null, 0);
    }
    if (event instanceof Reconnected r) {
      // New credentials do not resume a paused sync: only the operator's resume does.
      ConnectionStatus status = state.paused() ? ConnectionStatus.PAUSED : ConnectionStatus.SYNCING;
      return state.withSealedCredentials(r.sealedCredentials()).withStatus(status);
    }
    if (event instanceof CredentialsRefreshed r) {
      return state.withSealedCredentials(r.sealedCredentials());
    }
    if (event instanceof SyncSucceeded s) {
      return state.withStatus(ConnectionStatus.OK).withSuccessfulSync(s.at(), s.busyIntervals()).withQuarantine(null, 0);
    }
    if (event instanceof SyncFailed f) {
      return state.withStatus(f.status()).withLastError(f.error(), f.at());
    }
    if (event instanceof Quarantined q) {
      return state.withStatus(ConnectionStatus.QUARANTINED).withLastError(q.error(), q.at())
          .withQuarantine(q.until(), q.inARow());
    }
    if (event instanceof SyncPaused) {
      // A quarantine ends with the pause: resuming reads at once.
      return state.withStatus(ConnectionStatus.PAUSED).withQuarantine(null, 0);
    }
    if (event instanceof SyncResumed) {
      return state.withStatus(ConnectionStatus.SYNCING);
    }
    if (event instanceof Removed) {
      return state.asRemoved();
    }
    if (event instanceof WriterProgressed progressed) {
      return state.withWriterOffset(Math.max(state.writerOffset(), progressed.hostSequenceNr()));
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getName());
  }
}
