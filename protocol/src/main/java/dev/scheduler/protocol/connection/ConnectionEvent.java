package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;
import java.time.ZoneId;

/** What happened to a calendar connection. */
public sealed interface ConnectionEvent extends CborSerializable {

  /** {@code calendarId} and {@code account} are null for feeds, and in events written before they existed. */
  record Connected(String connectionId, String hostId, ProviderKind provider, String label, ZoneId hostTimeZone,
      String sealedCredentials, String calendarId, String account, Instant at) implements ConnectionEvent {}

  /** The host granted access again (after a revocation, say): new credentials, and syncing starts over. */
  record Reconnected(String sealedCredentials, Instant at) implements ConnectionEvent {}

  /** The provider gave new credentials (an OAuth refresh); sealed like the first ones. */
  record CredentialsRefreshed(String sealedCredentials, Instant at) implements ConnectionEvent {}

  record SyncSucceeded(int busyIntervals, Instant at) implements ConnectionEvent {}

  record SyncFailed(String error, ConnectionStatus status, Instant at) implements ConnectionEvent {}

  /** Syncs stop until {@code until}; {@code inARow} counts quarantines since the last success. */
  record Quarantined(String error, Instant until, int inARow, Instant at) implements ConnectionEvent {}

  /** An operator paused the sync: no reads of the provider until {@link SyncResumed}. */
  record SyncPaused(Instant at) implements ConnectionEvent {}

  record SyncResumed(Instant at) implements ConnectionEvent {}

  record Removed(Instant at) implements ConnectionEvent {}

  /** Bookings up to this sequence number of the host's journal have been written (or given up on). */
  record WriterProgressed(long hostSequenceNr) implements ConnectionEvent {}
}
