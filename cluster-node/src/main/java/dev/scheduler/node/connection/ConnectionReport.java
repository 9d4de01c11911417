package dev.scheduler.node.connection;

import dev.scheduler.protocol.CborSerializable;
import dev.scheduler.protocol.connection.ConnectionCommand;

/** What a connection's sync tells its entity, which persists what the host should see. */
sealed interface ConnectionReport extends ConnectionCommand, CborSerializable {

  record Synced(int busyIntervals) implements ConnectionReport {}

  /**
   * {@code revoked}: the provider refuses the grant for good; the connection is disconnected.
   * {@code fatal}: retrying soon will not help. {@code inARow}: failures since the last success, rate limiting not counted.
   */
  record Failed(String error, boolean revoked, boolean fatal, int inARow) implements ConnectionReport {}

  record CredentialsRefreshed(String sealedCredentials) implements ConnectionReport {}

  /** The booking writer has written the host's bookings up to this journal sequence number. */
  record WriterProgress(long hostSequenceNr) implements ConnectionReport {}

  /** A poll found changes that no notification announced: the push channel has died (early expiry). */
  record PushSilent(int unannouncedChanges) implements ConnectionReport {}
}
