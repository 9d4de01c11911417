package dev.scheduler.protocol.admin;

import dev.scheduler.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/** Asks a node's stats reporter (found through the receptionist) for its {@link NodeStats}. */
public record GetNodeStats(ActorRef<NodeStats> replyTo) implements CborSerializable {}
