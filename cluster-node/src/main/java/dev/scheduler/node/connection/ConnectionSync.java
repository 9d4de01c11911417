package dev.scheduler.node.connection;

import dev.scheduler.node.metrics.SyncMetrics;
import dev.scheduler.node.provider.ChangePage;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.provider.SyncCursor;
import dev.scheduler.node.provider.SyncedBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SyncBusy;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.model.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The sync loop of one connection, a child of its entity. Reads the provider page by page on a
 * blocking executor (never on the actor's thread), follows every page, and hands the complete busy
 * set to the host's calendar. Progress (sync token, busy set) lives here only: after a restart the
 * sync starts with a full read. Failures back off with jitter; a revoked grant stops the loop.
 */
public final class ConnectionSync extends AbstractBehavior<ConnectionSync.Message> {

  public sealed interface Message {}

  /** Read changes now; {@code reason} is for the log (push, poll, start). */
  public record Sync(String reason) implements Message {}

  /** Whether push notifications are arriving; polling slows down while they are. */
  public record PushHealthy(boolean healthy) implements Message {}

  /** The entity quarantined the connection: no read before {@code readAfter} has passed, whatever asks. */
  public record Quarantine(Duration readAfter) implements Message {}

  private record PageRead(SyncCursor cursor, ChangePage page) implements Message {}

  private record PageFailed(SyncCursor cursor, Throwable failure) implements Message {}

  private record Delivered(int busyIntervals) implements Message {}

  private record DeliveryFailed(Throwable failure) implements Message {}

  private static final Object NEXT_READ = "next-read";
  private static final Object SETTLE_READ = "settle-read";
  private static final String QUARANTINE_OVER = "quarantine over";

  private final String connectionId;
  private final String hostId;
  private final SourceBinding binding;
  private final ActorRef<ConnectionCommand> entity;
  private final SyncSettings settings;
  private final Executor blocking;
  private final Clock clock;
  private final TimerScheduler<Message> timers;
  private final ProviderCalls calls;
  private final EntityClient entities;
  private final SyncMetrics syncMetrics;

  private SyncedBusy busy = SyncedBusy.empty();
  private SyncCursor cursor = SyncCursor.fullSync();
  private boolean reading;
  private boolean syncAgain;
  private int failures;
  // Failures since the last success that count toward quarantine: all but rate limiting, where
  // the provider said when to come back and the node's budgets already slow the sync down; a
  // 429 storm must delay connections, not quarantine them for minutes.
  private int failuresTowardQuarantine;
  private boolean pushHealthy;
  private boolean settleAfterRead;
  /** Whether a notification announced the changes of the read under way; only polls can find it did not. */
  private boolean announced;
  private int incrementalChanges;
  private boolean quarantined;

  /**
   * @param reads where reads block (feeds have a pool of their own)
   * @param firstReadAfter how long to wait before the first read: zero, or what is left of a quarantine
   */
  public static Behavior<Message> create(String connectionId, String hostId, SourceBinding binding,
      ProviderCalls calls, ActorRef<ConnectionCommand> entity, ConnectionRuntime runtime, Executor reads,
      Duration firstReadAfter) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      var sync = new ConnectionSync(ctx, timers, connectionId, hostId, binding, calls, entity, runtime, reads);
      if (firstReadAfter.isZero() || firstReadAfter.isNegative()) {
        ctx.getSelf().tell(new Sync("start"));
      } else {
        sync.quarantine(firstReadAfter);
      }
      return sync;
    }));
  }

  private ConnectionSync(ActorContext<Message> context, TimerScheduler<Message> timers, String connectionId,
      String hostId, SourceBinding binding, ProviderCalls calls, ActorRef<ConnectionCommand> entity,
      ConnectionRuntime runtime, Executor reads) {
    super(context);
    this.calls = calls;
    this.timers = timers;
    this.connectionId = connectionId;
    this.hostId = hostId;
    this.binding = binding;
    this.entity = entity;
    this.settings = runtime.settings();
    this.blocking = reads;
    this.clock = runtime.clock();
    this.entities = runtime.entities();
    this.syncMetrics = runtime.syncMetrics();
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(Sync.class, this::onSync)
        .onMessage(PushHealthy.class, push -> {
          pushHealthy = push.healthy();
          return this;
        })
        .onMessage(Quarantine.class, q -> {
          quarantine(q.readAfter());
          return this;
        })
        .onMessage(PageRead.class, this::onPage)
        .onMessage(PageFailed.class, this::onFailure)
        .onMessage(Delivered.class, this::onDelivered)
        .onMessage(DeliveryFailed.class, this::onDeliveryFailed)
        // Stopped when the connection is removed (or restarts): a read in progress must not go on
        // holding a pool thread until its deadline.
        .onSignal(PostStop.class, stop -> {
          binding.source().close();
          syncMetrics.stopped(getContext().getSelf());
          return this;
        })
        .build();
  }

  // Notifications can come in bursts, duplicated or out of order: while a read runs, any number of
  // them collapse into one more read after it.
  private void quarantine(Duration wait) {
    quarantined = true;
    timers.cancel(SETTLE_READ);
    timers.startSingleTimer(NEXT_READ, new Sync(QUARANTINE_OVER), wait);
  }

  private Behavior<Message> onSync(Sync sync) {
    if (quarantined && !QUARANTINE_OVER.equals(sync.reason())) {
      return this; // polls, pushes and "sync now" wait for the quarantine's end
    }
    quarantined = false;
    // A notification can come before its change is visible in the provider's list: after reads
    // caused by pushes, look once more shortly after, or the change would wait for the next poll.
    boolean push = sync.reason().startsWith("push");
    settleAfterRead |= push;
    announced |= push;
    if (reading) {
      syncAgain = true;
      return this;
    }
    getContext().getLog().debug("Sync of connection {} ({})", connectionId, sync.reason());
    reading = true;
    announced = !"poll".equals(sync.reason());
    incrementalChanges = 0;
    read(cursor);
    return this;
  }

  private void read(SyncCursor from) {
    Instant now = clock.instant();
    Interval window = new Interval(now.minus(Duration.ofDays(1)), now.plus(settings.window()));
    CompletableFuture<ChangePage> page = CompletableFuture.supplyAsync(() -> {
      try {
        return calls.call(() -> binding.source().read(binding.calendarId(), from, window));
      } catch (ProviderException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking);
    getContext().pipeToSelf(page, (ok, failure) -> failure == null ? new PageRead(from, ok) : new PageFailed(from, failure));
  }

  private Behavior<Message> onPage(PageRead read) {
    busy = busy.apply(read.cursor(), read.page());
    if (!read.cursor().isFullSync()) {
      incrementalChanges += read.page().busy().size() + read.page().notBusy().size();
    }
    if (!read.page().last()) {
      read(read.page().next());
      return this;
    }
    cursor = read.page().next();
    deliver();
    return this;
  }

  private void deliver() {
    var intervals = busy.intervals();
    getContext().pipeToSelf(
        entities.<BusySource>askHost(hostId, replyTo -> new SyncBusy(connectionId, intervals, replyTo)),
        (ok, failure) -> failure == null ? new Delivered(ok.intervals().size()) : new DeliveryFailed(failure));
  }

  private Behavior<Message> onDelivered(Delivered delivered) {
    failures = 0;
    failuresTowardQuarantine = 0;
    syncMetrics.succeeded(getContext().getSelf());
    entity.tell(new ConnectionReport.Synced(delivered.busyIntervals()));
    if (pushHealthy && !announced && incrementalChanges > 0) {
      getContext().getLog().info("A poll of connection {} found {} changes no notification announced; its push channel "
          + "looks dead and is opened again", connectionId, incrementalChanges);
      entity.tell(new ConnectionReport.PushSilent(incrementalChanges));
    }
    finishRead(pushHealthy ? settings.pollIntervalWithPush() : settings.pollInterval());
    return this;
  }

  private Behavior<Message> onDeliveryFailed(DeliveryFailed failed) {
    getContext().getLog().warn("Connection {} could not hand its busy time to host {}: {}; will retry",
        connectionId, hostId, failed.failure().getMessage());
    failuresTowardQuarantine++;
    return retryLater(null, "the host's calendar did not take the busy time", false);
  }

  private Behavior<Message> onFailure(PageFailed failed) {
    Throwable cause = Failures.causeOf(failed.failure());
    if (cause instanceof ProviderException.SyncTokenExpired && !failed.cursor().isFullSync()) {
      getContext().getLog().info("Connection {}: the provider wants a full sync ({})", connectionId, cause.getMessage());
      busy = busy.abandonFullSync();
      cursor = SyncCursor.fullSync();
      read(cursor);
      return this;
    }
    busy = busy.abandonFullSync();
    if (cause instanceof ProviderException.AccessRevoked) {
      getContext().getLog().warn("Connection {} of host {} is disconnected: {}", connectionId, hostId, cause.getMessage());
      syncMetrics.failed(getContext().getSelf());
      entity.tell(new ConnectionReport.Failed(cause.getMessage(), true, true, failures + 1));
      return Behaviors.stopped();
    }
    Duration retryAfter = cause instanceof ProviderException.RateLimited limited ? limited.retryAfter() : null;
    String error = cause instanceof ProviderException ? cause.getMessage() : "unexpected " + cause.getClass().getSimpleName();
    getContext().getLog().warn("Sync of connection {} failed: {}", connectionId, error);
    // A refusal (over a limit, a refused address, not a calendar) or a bug will fail the same way again.
    boolean fatal = cause instanceof ProviderException.Rejected || !(cause instanceof ProviderException);
    if (!(cause instanceof ProviderException.RateLimited)) {
      failuresTowardQuarantine++;
    }
    return retryLater(retryAfter, error, fatal);
  }

  private Behavior<Message> retryLater(Duration retryAfter, String error, boolean fatal) {
    syncMetrics.failed(getContext().getSelf());
    entity.tell(new ConnectionReport.Failed(error, false, fatal, failuresTowardQuarantine));
    Duration delay = settings.retry().delayBefore(failures++, retryAfter, ThreadLocalRandom.current()::nextDouble);
    finishRead(delay);
    return this;
  }

  // After a success, changes announced during the read are read at once; after a failure the
  // backoff wins, so a storm of notifications cannot turn into a storm of requests.
  private void finishRead(Duration next) {
    reading = false;
    if (syncAgain && failures == 0) {
      getContext().getSelf().tell(new Sync("changes arrived during the last read"));
    } else if (settleAfterRead && failures == 0) {
      settleAfterRead = false;
      timers.startSingleTimer(SETTLE_READ, new Sync("settle after push"), settings.pushSettleDelay());
    }
    syncAgain = false;
    timers.startSingleTimer(NEXT_READ, new Sync(failures > 0 ? "retry" : "poll"), next);
  }
}
