package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionEvent;
import dev.scheduler.protocol.connection.ConnectionState;
import java.util.function.Function;

/**
 * What the domain decided about one command to a calendar connection: refuse it, answer without
 * change, or persist an event, answer from the state it leads to, and then change what runs for
 * the connection. The entity turns each into a Pekko effect and the follow-up into its children.
 */
public sealed interface ConnectionDecision<R> {

  /** What the connection's entity runs once the event is persisted. */
  enum FollowUp {
    NOTHING,
    /** A new connection: its sync, push channel and booking writer start. */
    START,
    /** New credentials: everything starts again from a full read. */
    RESTART,
    /** Removed: everything stops; the grant stays (another connection of the host uses it). */
    CLOSE,
    /** Removed: everything stops, and the account's grant is revoked once its channel is stopped. */
    CLOSE_AND_REVOKE_GRANT,
    /** A sync's report was persisted: if it disconnected the connection, only its writer stays. */
    STOP_UNLESS_SYNCING,
    /** Quarantined: the sync reads next at the connection's retry time, not at its usual pace. */
    QUARANTINE,
    /** Paused: the sync and push channel stop; the booking writer keeps writing. */
    PAUSE,
    /** Resumed: the sync (reading at once) and push channel start again. */
    RESUME
  }

  record Reject<R>(Rejection rejection) implements ConnectionDecision<R> {}

  record Answer<R>(R reply) implements ConnectionDecision<R> {}

  record Persist<R>(ConnectionEvent event, Function<ConnectionState, R> reply, FollowUp then)
      implements ConnectionDecision<R> {}

  static <R> ConnectionDecision<R> reject(RejectionCode code, String message) {
    return new Reject<>(Rejection.of(code, message));
  }

  static <R> ConnectionDecision<R> answer(R reply) {
    return new Answer<>(reply);
  }

  /** Nothing to do: a check that passed, or a report not worth an event. */
  static ConnectionDecision<Void> none() {
    return new Answer<>(null);
  }

  static <R> ConnectionDecision<R> persist(ConnectionEvent event, Function<ConnectionState, R> reply, FollowUp then) {
    return new Persist<>(event, reply, then);
  }

  /** A sync's report: persisted with no one to answer. */
  static ConnectionDecision<Void> record(ConnectionEvent event) {
    return new Persist<>(event, state -> null, FollowUp.STOP_UNLESS_SYNCING);
  }

  static ConnectionDecision<Void> record(ConnectionEvent event, FollowUp then) {
    return new Persist<>(event, state -> null, then);
  }
}
