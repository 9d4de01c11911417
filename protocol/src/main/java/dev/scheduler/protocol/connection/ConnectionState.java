package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The persisted state of one calendar connection; its snapshot shape. Sync progress (tokens of the
 * provider's incremental sync, the busy set being built) is not kept here: after a restart the sync
 * starts with a full read, while the host's calendar keeps the last busy time it was given.
 *
 * @param sealedCredentials the provider credentials, sealed with the node's key (null for ICS)
 * @param calendarId which calendar of the provider account this connection reads and writes (null: the primary one)
 * @param account the provider account it belongs to (Google: the primary calendar's id, the account's address);
 *     connections of one host with the same account share one grant
 * @param removed true once the host disconnected it; a removed connection does nothing
 * @param writerOffset the host's journal sequence number up to which bookings have been written
 * @param retryAt while quarantined, when the sync reads again (also after a restart); null otherwise
 * @param quarantines quarantines in a row without a successful sync between: each lasts longer
 */
public record ConnectionState(
    String connectionId,
    String hostId,
    ProviderKind provider,
    String label,
    ZoneId hostTimeZone,
    String sealedCredentials,
    String calendarId,
    String account,
    ConnectionStatus status,
    Instant connectedAt,
    Instant lastSuccessfulSync,
    String lastError,
    Instant lastErrorAt,
    int busyIntervals,
    boolean removed,
    long writerOffset,
    Instant retryAt,
    int quarantines)
    implements CborSerializable {

  public ConnectionView view() {
    return new ConnectionView(connectionId, hostId, provider, label, status, connectedAt, lastSuccessfulSync,
        lastError, lastErrorAt, busyIntervals, calendarId, account, retryAt);
  }

  public boolean syncs() {
    return !removed && status != ConnectionStatus.DISCONNECTED;
  }

  /** Whether the provider is read for busy time: a syncing connection that is not paused. */
  public boolean reads() {
    return syncs() && !paused();
  }

  public boolean paused() {
    return status == ConnectionStatus.PAUSED;
  }

  public ConnectionState withSealedCredentials(String sealed) {
    return new ConnectionState(connectionId, hostId, provider, label, hostTimeZone, sealed, calendarId, account,
        status, connectedAt, lastSuccessfulSync, lastError, lastErrorAt, busyIntervals, removed, writerOffset, retryAt, quarantines);
  }

  public ConnectionState withStatus(ConnectionStatus newStatus) {
    return new ConnectionState(connectionId, hostId, provider, label, hostTimeZone, sealedCredentials, calendarId,
        account, newStatus, connectedAt, lastSuccessfulSync, lastError, lastErrorAt, busyIntervals, removed,
        writerOffset, retryAt, quarantines);
  }

  /** A sync delivered {@code busy} intervals to the host at {@code at}. */
  public ConnectionState withSuccessfulSync(Instant at, int busy) {
    return new ConnectionState(connectionId, hostId, provider, label, hostTimeZone, sealedCredentials, calendarId,
        account, status, connectedAt, at, lastError, lastErrorAt, busy, removed, writerOffset, retryAt, quarantines);
  }

  public ConnectionState withLastError(String error, Instant at) {
    return new ConnectionState(connectionId, hostId, provider, label, hostTimeZone, sealedCredentials, calendarId,
        account, status, connectedAt, lastSuccessfulSync, error, at, busyIntervals, removed, writerOffset, retryAt, quarantines);
  }

  /** Removed: no credentials kept, no busy time brought. */
  public ConnectionState asRemoved() {
    return new ConnectionState(connectionId, hostId, provider, label, hostTimeZone, null, calendarId, account,
        status, connectedAt, lastSuccessfulSync, lastError, lastErrorAt, 0, true, writerOffset, null, 0);
  }

  public ConnectionState withWriterOffset(long offset) {
    return new ConnectionState(connectionId, hostId, provider, label, hostTimeZone, sealedCredentials, calendarId,
        account, status, connectedAt, lastSuccessfulSync, lastError, lastErrorAt, busyIntervals, removed, offset, retryAt, quarantines);
  }

  /** Quarantined until {@code until} (null: not, and the count of quarantines in a row starts over). */
  public ConnectionState withQuarantine(Instant until, int inARow) {
    return new ConnectionState(connectionId, hostId, provider, label, hostTimeZone, sealedCredentials, calendarId,
        account, status, connectedAt, lastSuccessfulSync, lastError, lastErrorAt, busyIntervals, removed,
        writerOffset, until, inARow);
  }

  @Override
  public String toString() {
    return "ConnectionState[" + connectionId + ", host " + hostId + ", " + provider + ", " + status
        + (removed ? ", removed" : "") + "]";
  }
}
