package dev.scheduler.node;

import dev.scheduler.node.metrics.EntityAskMetrics;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
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

/** The entity client of a running node: Cluster Sharding's entity refs, asked with one timeout. */
public final class ShardedEntityClient implements EntityClient {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Executor dispatcher;
  private final Clock clock;
  private final EntityAskMetrics metrics;

  public ShardedEntityClient(ActorSystem<?> system, Duration askTimeout, Clock clock) {
    this(system, askTimeout, clock, EntityAskMetrics.inMemory());
  }

  public ShardedEntityClient(ActorSystem<?> system, Duration askTimeout, Clock clock, EntityAskMetrics metrics) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.dispatcher = system.executionContext();
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public Duration askTimeout() {
    return askTimeout;
  }

  @Override
  public Instant answerBy() {
    return clock.instant().plus(askTimeout);
  }

  @Override
  public <R> CompletionStage<R> askHost(
      String hostId, Function<ActorRef<StatusReply<R>>, HostCalendarCommand> command) {
    long started = System.nanoTime();
    String[] name = {"unknown"};
    CompletionStage<R> reply = sharding.entityRefFor(HostCalendarEntityKey.ENTITY_KEY, hostId).askWithStatus(r -> {
      HostCalendarCommand built = command.apply(r);
      name[0] = built.getClass().getSimpleName(); // the ask builds its message at once, before returning
      return built;
    }, askTimeout);
    return metrics.timed("host", name[0], started, onDispatcher(reply));
  }

  @Override
  public <R> CompletionStage<R> askConnection(
      String connectionId, Function<ActorRef<StatusReply<R>>, ConnectionCommand> command) {
    long started = System.nanoTime();
    String[] name = {"unknown"};
    CompletionStage<R> reply = sharding.entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId).askWithStatus(r -> {
      ConnectionCommand built = command.apply(r);
      name[0] = built.getClass().getSimpleName();
      return built;
    }, askTimeout);
    return metrics.timed("connection", name[0], started, onDispatcher(reply));
  }

  @Override
  public void tellConnection(String connectionId, ConnectionCommand command) {
    sharding.entityRefFor(ConnectionEntityKey.ENTITY_KEY, connectionId).tell(command);
  }

  /**
   * The stage an ask returns runs every later step asynchronously on the JDK's default executor
   * (Scala's future converter does so on purpose). Where the common pool has one thread, as on a
   * two-core machine, that executor starts a new thread per step: at load that was a thread per
   * request. Completing once on the actor dispatcher gives a plain stage whose steps run there.
   */
  private <T> CompletionStage<T> onDispatcher(CompletionStage<T> reply) {
    return reply.whenCompleteAsync((value, failure) -> { }, dispatcher);
  }
}
