package dev.scheduler.http;

import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/** Asks a host's sharded entity, wherever in the cluster it lives, with the configured timeout. */
public final class HostCalendars {
  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public HostCalendars(ActorSystem<?> system, Duration askTimeout) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
  }

  public <R> CompletionStage<R> ask(
      String hostId, Function<ActorRef<StatusReply<R>>, HostCalendarCommand> command) {
    return sharding.entityRefFor(HostCalendarEntityKey.ENTITY_KEY, hostId).askWithStatus(command::apply, askTimeout);
  }
}
