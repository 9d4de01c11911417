package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * What can be asked of a calendar connection's entity. Not sealed: the node adds messages of its own
 * that never leave the entity (reports from its sync).
 */
public interface ConnectionCommand {

  /** Creates the connection; asking again for the same host answers the same view. */
  record Connect(ConnectionSetup setup, ActorRef<StatusReply<ConnectionView>> replyTo)
      implements ConnectionCommand, CborSerializable {}

  /** New credentials for the same account, sealed for this connection: it syncs again from a full read. */
  record Reconnect(String sealedCredentials, ActorRef<StatusReply<ConnectionView>> replyTo)
      implements ConnectionCommand, CborSerializable {}

  /** The calendars of this connection's provider account (Google's calendarList). */
  record ListAccountCalendars(ActorRef<StatusReply<AccountCalendars>> replyTo)
      implements ConnectionCommand, CborSerializable {}

  /**
   * This connection's credentials sealed for another connection of the same account, so that the
   * host can connect a second calendar of the account without a second consent.
   */
  record ShareGrant(String otherConnectionId, ActorRef<StatusReply<String>> replyTo)
      implements ConnectionCommand, CborSerializable {}

  record GetConnection(ActorRef<StatusReply<ConnectionView>> replyTo) implements ConnectionCommand, CborSerializable {}

  /**
   * Stops syncing and push channels. {@code revokeGrant} is false when another connection of the host
   * still uses the same account's grant.
   */
  record Remove(boolean revokeGrant, ActorRef<StatusReply<ConnectionView>> replyTo) implements ConnectionCommand, CborSerializable {}

  /**
   * Stops reading the provider (polls, push, retries) until {@link ResumeSync}; the last known busy
   * time still counts. Pausing a paused connection answers it unchanged.
   */
  record PauseSync(ActorRef<StatusReply<ConnectionView>> replyTo) implements ConnectionCommand, CborSerializable {}

  /** Reads the provider again, at once; resuming a connection that is not paused answers it unchanged. */
  record ResumeSync(ActorRef<StatusReply<ConnectionView>> replyTo) implements ConnectionCommand, CborSerializable {}

  /** Something changed at the provider (a push notification, or a poll is due): read changes now. */
  record SyncNow(String reason) implements ConnectionCommand, CborSerializable {}
}
