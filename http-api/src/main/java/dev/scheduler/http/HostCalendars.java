package dev.scheduler.http;

import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/** Asks a host's sharded entity, wherever in the cluster it lives, with the configured timeout. */
public final class HostCalendars {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Executor dispatcher;
  private final Clock clock;

  public HostCalendars(ActorSystem<?> system, Duration askTimeout, Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.dispatcher = system.executionContext();
    this.clock = clock;
  }

  /** When an ask made now stops waiting: commands that must not take effect later carry it. */
  public Instant answerBy() {
    return clock.instant().plus(askTimeout);
  }

  public <R> CompletionStage<R> ask(
      String hostId, Function<ActorRef<StatusReply<R>>, HostCalendarCommand> command) {
    return onDispatcher(
        sharding.entityRefFor(HostCalendarEntityKey.ENTITY_KEY, hostId).askWithStatus(command::apply, askTimeout),
        dispatcher);
  }

  /**
   * The stage an ask returns runs every later step asynchronously on the JDK's default executor
   * (Scala's future converter does so on purpose). Where the common pool has one thread, as on a
   * two-core machine, that executor starts a new thread per step: at load that was a thread per
   * request. Completing once on the actor dispatcher gives a plain stage whose steps run there.
   */
  public static <T> CompletionStage<T> onDispatcher(CompletionStage<T> reply, Executor dispatcher) {
    return reply.whenCompleteAsync((value, failure) -> { }, dispatcher);
  }
}
