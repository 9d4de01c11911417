package dev.scheduler.node.connection;

import dev.scheduler.node.provider.AccountDirectory;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.domain.CalendarConnectionEvolution;
import dev.scheduler.node.domain.CalendarConnectionRules;
import dev.scheduler.node.domain.ConnectionDecision;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
import dev.scheduler.protocol.connection.AccountCalendars;
import dev.scheduler.protocol.connection.ConnectionCommand.GetConnection;
import dev.scheduler.protocol.connection.ConnectionCommand.ListAccountCalendars;
import dev.scheduler.protocol.connection.ConnectionCommand.PauseSync;
import dev.scheduler.protocol.connection.ConnectionCommand.ResumeSync;
import dev.scheduler.protocol.connection.ConnectionCommand.Reconnect;
import dev.scheduler.protocol.connection.ConnectionCommand.Remove;
import dev.scheduler.protocol.connection.ConnectionCommand.ShareGrant;
import dev.scheduler.protocol.connection.ConnectionCommand.SyncNow;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import dev.scheduler.protocol.connection.ConnectionEvent;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One external calendar connection of a host. A remembered sharded entity: when its node goes away
 * it starts again on another node and its sync with it. It persists what the host must see (status,
 * last sync, last error) and the sealed credentials; the sync loop, the push channel and the booking
 * writer run in child actors. The decisions are the domain's ({@code CalendarConnectionRules}); this
 * class turns them into effects, and their follow-ups into children started and stopped.
 */
public final class CalendarConnectionEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ConnectionCommand, ConnectionEvent, ConnectionState> {

  public static final EntityTypeKey<ConnectionCommand> ENTITY_KEY = ConnectionEntityKey.ENTITY_KEY;

  private final ActorContext<ConnectionCommand> context;
  private final String connectionId;
  private final ConnectionRuntime runtime;
  private ActorRef<ConnectionSync.Message> sync;
  private ActorRef<ChannelKeeper.Message> channelKeeper;
  private ActorRef<BookingWriter.Message> bookingWriter;
  private SourceBinding binding;
  /** The provider budget of the binding, shared by its writer and its sync (also one resumed later). */
  private ProviderCalls calls;
  /** Children of a restarted sync get new names: a stopped child's name stays taken until it is gone. */
  private int generation;

  public static void init(ActorSystem<?> system, ConnectionRuntime runtime) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), runtime))
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true)));
  }

  public static Behavior<ConnectionCommand> create(String connectionId, ConnectionRuntime runtime) {
    return Behaviors.setup(ctx -> new CalendarConnectionEntity(ctx, connectionId, runtime));
  }

  private CalendarConnectionEntity(ActorContext<ConnectionCommand> context, String connectionId, ConnectionRuntime runtime) {
    super(PersistenceId.of(ENTITY_KEY.name(), connectionId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.connectionId = connectionId;
    this.runtime = runtime;
  }

  @Override
  public ConnectionState emptyState() {
    return null;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<ConnectionState, ConnectionEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(CalendarConnectionEvolution::evolve);
  }

  @Override
  public SignalHandler<ConnectionState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> startSyncIfNeeded(state))
        // The sync stops itself only when the grant is revoked; its report disconnects the connection.
        .onSignal(Terminated.class, (state, terminated) -> {
          if (terminated.getRef().equals(sync)) {
            sync = null;
          }
        })
        .build();
  }

  @Override
  public CommandHandlerWithReply<ConnectionCommand, ConnectionEvent, ConnectionState> commandHandler() {
    CommandHandlerWithReplyBuilder<ConnectionCommand, ConnectionEvent, ConnectionState> builder =
        newCommandHandlerWithReplyBuilder();
    builder.forNullState()
        .onCommand(Connect.class, c -> decided(null,
            CalendarConnectionRules.connect(null, connectionId, c.setup(), now()), c.replyTo()))
        .onCommand(GetConnection.class, c -> notFound(c.replyTo()))
        .onCommand(Remove.class, c -> notFound(c.replyTo()))
        .onCommand(Reconnect.class, c -> notFound(c.replyTo()))
        .onCommand(ListAccountCalendars.class, c -> notFound(c.replyTo()))
        .onCommand(ShareGrant.class, c -> notFound(c.replyTo()))
        .onCommand(PauseSync.class, c -> notFound(c.replyTo()))
        .onCommand(ResumeSync.class, c -> notFound(c.replyTo()))
        // Syncs and their reports for a connection that was never made: nothing to do.
        .onAnyCommand(c -> Effect().noReply());
    builder.forStateType(ConnectionState.class)
        .onCommand(Connect.class, (s, c) -> decided(s,
            CalendarConnectionRules.connect(s, connectionId, c.setup(), now()), c.replyTo()))
        .onCommand(GetConnection.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(s.view())))
        .onCommand(Remove.class, (s, c) -> decided(s,
            CalendarConnectionRules.remove(s, c.revokeGrant(), now()), c.replyTo()))
        .onCommand(Reconnect.class, (s, c) -> decided(s,
            CalendarConnectionRules.reconnect(s, c.sealedCredentials(), now()), c.replyTo()))
        .onCommand(PauseSync.class, (s, c) -> decided(s, CalendarConnectionRules.pause(s, now()), c.replyTo()))
        .onCommand(ResumeSync.class, (s, c) -> decided(s, CalendarConnectionRules.resume(s, now()), c.replyTo()))
        .onCommand(ListAccountCalendars.class, this::onListAccountCalendars)
        .onCommand(ShareGrant.class, this::onShareGrant)
        .onCommand(SyncNow.class, this::onSyncNow)
        .onCommand(ConnectionReport.Synced.class, (s, r) -> reported(s,
            CalendarConnectionRules.synced(s, r.busyIntervals(), now())))
        .onCommand(ConnectionReport.Failed.class, (s, r) -> reported(s,
            CalendarConnectionRules.failed(s, new CalendarConnectionRules.Failure(r.error(), r.revoked(), r.fatal(),
                r.inARow()), runtime.settings().quarantine(), now())))
        .onCommand(ConnectionReport.CredentialsRefreshed.class, (s, r) -> reported(s,
            CalendarConnectionRules.credentialsRefreshed(s, r.sealedCredentials(), now())))
        .onCommand(ConnectionReport.WriterProgress.class, (s, r) -> reported(s,
            CalendarConnectionRules.writerProgressed(s, r.hostSequenceNr())))
        .onCommand(ConnectionReport.PushSilent.class, (s, r) -> reopenChannel());
    return builder.build();
  }

  private <R> ReplyEffect<ConnectionEvent, ConnectionState> decided(
      ConnectionState before, ConnectionDecision<R> decision, ActorRef<StatusReply<R>> replyTo) {
    if (decision instanceof ConnectionDecision.Reject<R> reject) {
      return Effect().reply(replyTo, StatusReply.error(reject.rejection().toStatusText()));
    }
    if (decision instanceof ConnectionDecision.Answer<R> answer) {
      return Effect().reply(replyTo, StatusReply.success(answer.reply()));
    }
    ConnectionDecision.Persist<R> persist = (ConnectionDecision.Persist<R>) decision;
    return Effect().persist(persist.event())
        .thenRun(after -> followUp(persist.then(), before, after))
        .thenReply(replyTo, after -> StatusReply.success(persist.reply().apply(after)));
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> reported(ConnectionState before, ConnectionDecision<Void> decision) {
    if (decision instanceof ConnectionDecision.Persist<Void> persist) {
      return Effect().persist(persist.event()).thenRun(after -> followUp(persist.then(), before, after)).thenNoReply();
    }
    return Effect().noReply();
  }

  private void followUp(ConnectionDecision.FollowUp then, ConnectionState before, ConnectionState after) {
    switch (then) {
      case START -> startSyncIfNeeded(after);
      case RESTART -> {
        stopChildrenExcept(null);
        startSyncIfNeeded(after);
      }
      case CLOSE -> close(before, false);
      case CLOSE_AND_REVOKE_GRANT -> close(before, true);
      case STOP_UNLESS_SYNCING -> stopUnlessSyncing(after);
      case QUARANTINE -> {
        if (sync != null) {
          sync.tell(new ConnectionSync.Quarantine(untilRetry(after)));
        }
      }
      case PAUSE -> stopReading();
      case RESUME -> {
        reopenSource(after);
        startReading(after);
      }
      case NOTHING -> { }
    }
  }

  // The provider is asked off the actor thread, through the same budgets as the sync.
  private ReplyEffect<ConnectionEvent, ConnectionState> onListAccountCalendars(ConnectionState state,
      ListAccountCalendars list) {
    ConnectionDecision<Void> allowed = CalendarConnectionRules.readsItsAccount(state);
    Optional<AccountDirectory> directory = binding == null ? Optional.empty() : binding.directory();
    if (allowed instanceof ConnectionDecision.Reject<Void> reject) {
      return Effect().reply(list.replyTo(), StatusReply.error(reject.rejection().toStatusText()));
    }
    if (directory.isEmpty()) {
      return Effect().reply(list.replyTo(), StatusReply.error(Rejection.of(RejectionCode.PROVIDER_UNAVAILABLE,
          "The connection's sync is restarting; try again shortly.").toStatusText()));
    }
    ProviderCalls calls = runtime.calls();
    CompletableFuture.supplyAsync(() -> {
      try {
        return StatusReply.success(calls.call(directory.get()::calendars));
      } catch (ProviderException e) {
        return StatusReply.<AccountCalendars>error(Rejection.of(RejectionCode.PROVIDER_UNAVAILABLE,
            "The calendar provider did not list the account's calendars: " + e.getMessage()).toStatusText());
      }
    }, runtime.blocking()).thenAccept(list.replyTo()::tell);
    return Effect().noReply();
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> onShareGrant(ConnectionState state, ShareGrant share) {
    if (CalendarConnectionRules.readsItsAccount(state) instanceof ConnectionDecision.Reject<Void> reject) {
      return Effect().reply(share.replyTo(), StatusReply.error(reject.rejection().toStatusText()));
    }
    return Effect().reply(share.replyTo(), StatusReply.success(runtime.sources().reseal(state, share.otherConnectionId())));
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> onSyncNow(ConnectionState state, SyncNow syncNow) {
    if (sync != null) {
      sync.tell(new ConnectionSync.Sync(syncNow.reason()));
    }
    return Effect().noReply();
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> reopenChannel() {
    if (channelKeeper != null) {
      channelKeeper.tell(new ChannelKeeper.Reopen());
    }
    return Effect().noReply();
  }

  private <R> ReplyEffect<ConnectionEvent, ConnectionState> notFound(ActorRef<StatusReply<R>> replyTo) {
    return Effect().reply(replyTo,
        StatusReply.error(Rejection.of(RejectionCode.NOT_FOUND, "No such calendar connection.").toStatusText()));
  }

  // A connected connection runs its sync, channel and writer; a disconnected one only its writer,
  // which records the writes it can no longer make as failed; a paused one its writer too, which
  // keeps writing bookings (pausing is about reading busy time).
  private void startSyncIfNeeded(ConnectionState state) {
    if (state == null || state.removed() || sync != null || bookingWriter != null) {
      return;
    }
    generation++;
    binding = runtime.sources().open(state,
        sealed -> context.getSelf().tell(new ConnectionReport.CredentialsRefreshed(sealed)));
    calls = runtime.calls();
    binding.bookings().ifPresent(calendar -> bookingWriter = context.spawn(Behaviors.supervise(BookingWriter.create(
            connectionId, state.hostId(), calendar, binding.calendarId(), calls, state.writerOffset(), !state.syncs(),
            context.getSelf(), runtime))
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2)),
        "booking-writer-" + generation));
    startReading(state);
  }

  // The sync reads at once unless a quarantine is left; the push channel only feeds the sync.
  private void startReading(ConnectionState state) {
    if (!state.reads() || binding == null || sync != null) {
      return;
    }
    generation++;
    Behavior<ConnectionSync.Message> loop = ConnectionSync.create(connectionId, state.hostId(), binding, calls,
        context.getSelf(), runtime, runtime.readsOf(state.provider()), untilRetry(state));
    // A bug in one sync must not take the entity down: the loop restarts, with backoff, from a full read.
    sync = context.spawn(Behaviors.supervise(loop)
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2)),
        "sync-" + generation);
    runtime.syncMetrics().started(sync, state);
    context.watch(sync);
    if (binding.notifications().isPresent() && runtime.pushAddress().isPresent()) {
      channelKeeper = context.spawn(Behaviors.supervise(ChannelKeeper.create(connectionId, binding.calendarId(),
              binding.notifications().get(), runtime.channels(), runtime.pushAddress().get(),
              runtime.settings().channelTtl(), sync, runtime.settings(), runtime.blocking(), clock()))
          .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2)),
          "push-channel-" + generation);
    }
  }

  // The stopped sync closed its binding's source (a closed feed source cancels every later read),
  // so reading again needs a source of its own. The booking writer keeps the calendar it was given.
  private void reopenSource(ConnectionState state) {
    if (state == null || state.removed() || binding == null) {
      return;
    }
    binding = runtime.sources().open(state,
        sealed -> context.getSelf().tell(new ConnectionReport.CredentialsRefreshed(sealed)));
  }

  // Paused: nothing reads the provider; stopping the channel keeper stops its channel. A read in
  // flight may still report; the domain ignores reports while paused.
  private void stopReading() {
    if (sync != null) {
      context.stop(sync);
      sync = null;
    }
    if (channelKeeper != null) {
      context.stop(channelKeeper);
      channelKeeper = null;
    }
  }

  /**
   * The host removed the connection: stop everything, then give the grant back (after the channel is
   * stopped) unless another connection of the host still uses it.
   */
  private void close(ConnectionState before, boolean revokeGrant) {
    ActorRef<ChannelKeeper.Message> keeper = channelKeeper;
    stopChildrenExcept(keeper);
    Runnable revoke = revokeGrant ? () -> runtime.sources().revoke(before) : () -> { };
    if (keeper != null) {
      keeper.tell(new ChannelKeeper.Close(revoke));
    } else {
      CompletableFuture.runAsync(revoke, runtime.blocking());
    }
  }

  // A disconnected connection calls its provider no more: no sync, no channel renewals; its writer
  // stays to record the writes it can no longer make as failed.
  private void stopUnlessSyncing(ConnectionState state) {
    if (!state.syncs()) {
      ActorRef<BookingWriter.Message> writer = bookingWriter;
      stopChildrenExcept(writer);
      if (writer != null) {
        writer.tell(new BookingWriter.RefuseWrites());
        bookingWriter = writer;
      }
    }
  }

  // Stopping the channel keeper stops its channel too (in its PostStop); a closing keeper stops itself.
  private void stopChildrenExcept(ActorRef<?> keepRunning) {
    context.getChildren().forEach(child -> {
      if (!child.equals(keepRunning)) {
        context.stop(child);
      }
    });
    sync = null;
    channelKeeper = null;
    bookingWriter = null;
    binding = null;
  }

  /** What is left of a quarantine; zero when there is none, so a restart reads at once only then. */
  private Duration untilRetry(ConnectionState state) {
    if (state.status() != ConnectionStatus.QUARANTINED || state.retryAt() == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now(), state.retryAt());
    return left.isNegative() ? Duration.ZERO : left;
  }

  private Clock clock() {
    return runtime.clock();
  }

  private Instant now() {
    return runtime.clock().instant();
  }
}
