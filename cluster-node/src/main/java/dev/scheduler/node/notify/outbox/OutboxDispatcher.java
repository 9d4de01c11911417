package dev.scheduler.node.notify.outbox;

import dev.scheduler.protocol.CborSerializable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sender of a channel in the cluster: a sharded daemon process of one instance (moved to
 * another node when its node leaves) that runs an {@link OutboxWorker} round every poll interval,
 * on the blocking dispatcher, one round at a time.
 */
public final class OutboxDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

  public sealed interface Command extends CborSerializable {}

  public record Tick() implements Command {}

  public record RoundDone(int tried, String error) implements Command {}

  public record Stop() implements Command {}

  private OutboxDispatcher() {}

  public static void start(ActorSystem<?> system, String channel, OutboxWorker worker, Duration pollInterval) {
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    ShardedDaemonProcess.get(system).init(Command.class, "notify-outbox-" + channel, 1,
        i -> create(worker, pollInterval, blocking), ShardedDaemonProcessSettings.create(system),
        Optional.of(new Stop()));
  }

  static Behavior<Command> create(OutboxWorker worker, Duration pollInterval, Executor blocking) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), pollInterval);
      return new Rounds(context, worker, blocking).idle();
    }));
  }

  private record Rounds(ActorContext<Command> context, OutboxWorker worker, Executor blocking) {
    Behavior<Command> idle() {
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, tick -> startRound())
          .onMessage(RoundDone.class, done -> Behaviors.same())
          .onMessage(Stop.class, stop -> Behaviors.stopped())
          .build();
    }

    // Ticks while a round runs are dropped: a slow server delays the next round, it does not queue them.
    Behavior<Command> busy() {
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, tick -> Behaviors.same())
          .onMessage(RoundDone.class, this::finished)
          .onMessage(Stop.class, stop -> Behaviors.stopped())
          .build();
    }

    private Behavior<Command> startRound() {
      context.pipeToSelf(CompletableFuture.supplyAsync(() -> round(worker), blocking),
          (done, error) -> done != null ? done : new RoundDone(0, String.valueOf(error)));
      return busy();
    }

    private Behavior<Command> finished(RoundDone done) {
      if (done.error() != null) {
        LOG.warn("An outbox round failed, the next poll tries again: {}", done.error());
      } else if (done.tried() >= worker.batchSize()) {
        context.getSelf().tell(new Tick());   // more may be due: no need to wait for the timer
      }
      return idle();
    }
  }

  private static RoundDone round(OutboxWorker worker) {
    try {
      return new RoundDone(worker.runOnce(), null);
    } catch (Exception e) {
      return new RoundDone(0, e.toString());
    }
  }
}
