package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.CborSerializable;
import java.time.ZoneId;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * What can be asked of a calendar connection's entity. Not sealed: the node adds messages of its own
 * that never leave the entity (reports from its sync).
 */
public interface ConnectionCommand {

  /** Creates the connection; asking again with the same data answers the same view. */
  /** {@code hostTimeZone} reads a feed's floating times and all-day dates in the host's zone. */
  record Connect(String hostId, ProviderKind provider, String label, ZoneId hostTimeZone, String sealedCredentials,
      ActorRef<StatusReply<ConnectionView>> replyTo) implements ConnectionCommand, CborSerializable {}

  record GetConnection(ActorRef<StatusReply<ConnectionView>> replyTo) implements ConnectionCommand, CborSerializable {}

  /** Stops syncing, stops push channels, removes this source's busy time from the host. */
  record Remove(ActorRef<StatusReply<ConnectionView>> replyTo) implements ConnectionCommand, CborSerializable {}

  /** Something changed at the provider (a push notification, or a poll is due): read changes now. */
  record SyncNow(String reason) implements ConnectionCommand, CborSerializable {}
}
