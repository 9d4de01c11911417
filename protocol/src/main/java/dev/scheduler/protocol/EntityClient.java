package dev.scheduler.protocol;

import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.connection.ConnectionCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The one way into the sharded entities, wherever in the cluster they live: routes, workflows and
 * the connections' own children ask through it, with one timeout ({@code scheduler.ask-timeout}).
 * A refusal fails the stage with the entity's {@code StatusReply} error; a timeout means the outcome
 * is unknown, never that the command was refused.
 */
public interface EntityClient {

  Duration askTimeout();

  /** When an ask made now stops waiting: commands that must not take effect later carry it. */
  Instant answerBy();

  <R> CompletionStage<R> askHost(String hostId, Function<ActorRef<StatusReply<R>>, HostCalendarCommand> command);

  <R> CompletionStage<R> askConnection(
      String connectionId, Function<ActorRef<StatusReply<R>>, ConnectionCommand> command);

  void tellConnection(String connectionId, ConnectionCommand command);
}
