package dev.scheduler.node.connection;

import dev.scheduler.node.calendars.AccountDirectory;
import dev.scheduler.node.calendars.ProviderException;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.connection.ConnectionCommand.Connect;
import dev.scheduler.protocol.connection.AccountCalendars;
import dev.scheduler.protocol.connection.ConnectionCommand.GetConnection;
import dev.scheduler.protocol.connection.ConnectionCommand.ListAccountCalendars;
import dev.scheduler.protocol.connection.ConnectionCommand.Reconnect;
import dev.scheduler.protocol.connection.ConnectionCommand.Remove;
import dev.scheduler.protocol.connection.ConnectionCommand.ShareGrant;
import dev.scheduler.protocol.connection.ConnectionCommand.SyncNow;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import dev.scheduler.protocol.connection.ConnectionEvent;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionView;
import dev.scheduler.protocol.connection.ProviderKind;
import java.time.Clock;
import java.time.Duration;
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
 * last sync, last error) and the sealed credentials; the sync loop itself runs in a child actor.
 */
public final class CalendarConnection
    extends EventSourcedBehaviorWithEnforcedReplies<ConnectionCommand, ConnectionEvent, ConnectionState> {

  public static final EntityTypeKey<ConnectionCommand> ENTITY_KEY = ConnectionEntityKey.ENTITY_KEY;

  private final ActorContext<ConnectionCommand> context;
  private final String connectionId;
  private final ConnectionRuntime runtime;
  private ActorRef<ConnectionSync.Message> sync;
  private ActorRef<ChannelKeeper.Message> channelKeeper;
  private ActorRef<BookingWriter.Message> bookingWriter;
  private SourceBinding binding;
  /** Children of a restarted sync get new names: a stopped child's name stays taken until it is gone. */
  private int generation;

  public static void init(ActorSystem<?> system, ConnectionRuntime runtime) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), runtime))
        .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true)));
  }

  public static Behavior<ConnectionCommand> create(String connectionId, ConnectionRuntime runtime) {
    return Behaviors.setup(ctx -> new CalendarConnection(ctx, connectionId, runtime));
  }

  private CalendarConnection(ActorContext<ConnectionCommand> context, String connectionId, ConnectionRuntime runtime) {
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
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ConnectionStates::apply);
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
        .onCommand(Connect.class, c -> Effect()
            .persist(ConnectionStates.connected(connectionId, c, clock().instant()))
            .thenRun(this::startSyncIfNeeded)
            .thenReply(c.replyTo(), s -> StatusReply.success(s.view())))
        .onCommand(SyncNow.class, c -> Effect().noReply())
        .onCommand(ConnectionReport.class, c -> Effect().noReply())
        .onAnyCommand(this::notFound);
    builder.forStateType(ConnectionState.class)
        .onCommand(Connect.class, (s, c) -> Effect().reply(c.replyTo(), s.hostId().equals(c.hostId())
            ? StatusReply.success(s.view())
            : StatusReply.error(Rejection.of(RejectionCode.CONFLICT, "This connection id is taken.").toStatusText())))
        .onCommand(GetConnection.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(s.view())))
        .onCommand(Remove.class, this::onRemove)
        .onCommand(Reconnect.class, this::onReconnect)
        .onCommand(ListAccountCalendars.class, this::onListAccountCalendars)
        .onCommand(ShareGrant.class, this::onShareGrant)
        .onCommand(SyncNow.class, this::onSyncNow)
        .onCommand(ConnectionReport.class, this::onReport);
    return builder.build();
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> onRemove(ConnectionState state, Remove remove) {
    if (state.removed()) {
      return Effect().reply(remove.replyTo(), StatusReply.success(state.view()));
    }
    return Effect().persist(new ConnectionEvent.Removed(clock().instant()))
        .thenRun(s -> close(state, remove.revokeGrant()))
        .thenReply(remove.replyTo(), s -> StatusReply.success(s.view()));
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> onReconnect(ConnectionState state, Reconnect reconnect) {
    if (state.removed()) {
      return Effect().reply(reconnect.replyTo(), StatusReply.error(
          Rejection.of(RejectionCode.NOT_FOUND, "This calendar connection was removed.").toStatusText()));
    }
    return Effect().persist(new ConnectionEvent.Reconnected(reconnect.sealedCredentials(), clock().instant()))
        .thenRun(s -> {
          stopChildrenExcept(null);
          startSyncIfNeeded(s);
        })
        .thenReply(reconnect.replyTo(), s -> StatusReply.success(s.view()));
  }

  // The provider is asked off the actor thread, through the same budgets as the sync.
  private ReplyEffect<ConnectionEvent, ConnectionState> onListAccountCalendars(ConnectionState state,
      ListAccountCalendars list) {
    Optional<AccountDirectory> directory = binding == null ? Optional.empty() : binding.directory();
    if (!state.syncs() || directory.isEmpty()) {
      return Effect().reply(list.replyTo(), StatusReply.error(cannotList(state).toStatusText()));
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
    if (!state.syncs() || state.provider() != ProviderKind.GOOGLE) {
      return Effect().reply(share.replyTo(), StatusReply.error(cannotList(state).toStatusText()));
    }
    return Effect().reply(share.replyTo(), StatusReply.success(runtime.sources().reseal(state, share.otherConnectionId())));
  }

  private static Rejection cannotList(ConnectionState state) {
    if (state.provider() != ProviderKind.GOOGLE) {
      return Rejection.of(RejectionCode.INVALID_REQUEST, "A " + state.provider() + " connection has one calendar only.");
    }
    return Rejection.of(RejectionCode.INVALID_REQUEST,
        "This connection is " + state.status().name().toLowerCase() + ": connect the Google account again first.");
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> onSyncNow(ConnectionState state, SyncNow syncNow) {
    if (sync != null) {
      sync.tell(new ConnectionSync.Sync(syncNow.reason()));
    }
    return Effect().noReply();
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> onReport(ConnectionState state, ConnectionReport report) {
    if (report instanceof ConnectionReport.PushSilent) {
      if (channelKeeper != null) {
        channelKeeper.tell(new ChannelKeeper.Reopen());
      }
      return Effect().noReply();
    }
    return ConnectionStates.eventFor(state, report, clock().instant())
        .map(event -> Effect().persist(event).thenRun(this::stopUnlessSyncing).thenNoReply())
        .orElseGet(() -> Effect().noReply());
  }

  private ReplyEffect<ConnectionEvent, ConnectionState> notFound(ConnectionCommand command) {
    StatusReply<ConnectionView> reply = StatusReply.error(
        Rejection.of(RejectionCode.NOT_FOUND, "No such calendar connection.").toStatusText());
    if (command instanceof GetConnection get) {
      return Effect().reply(get.replyTo(), reply);
    }
    if (command instanceof Remove remove) {
      return Effect().reply(remove.replyTo(), reply);
    }
    if (command instanceof Reconnect reconnect) {
      return Effect().reply(reconnect.replyTo(), reply);
    }
    String notFound = Rejection.of(RejectionCode.NOT_FOUND, "No such calendar connection.").toStatusText();
    if (command instanceof ListAccountCalendars list) {
      return Effect().reply(list.replyTo(), StatusReply.error(notFound));
    }
    if (command instanceof ShareGrant share) {
      return Effect().reply(share.replyTo(), StatusReply.error(notFound));
    }
    return Effect().noReply();
  }

  // A connected connection runs its sync, channel and writer; a disconnected one only its writer,
  // which records the writes it can no longer make as failed.
  private void startSyncIfNeeded(ConnectionState state) {
    if (state == null || state.removed() || sync != null || bookingWriter != null) {
      return;
    }
    generation++;
    binding = runtime.sources().open(state,
        sealed -> context.getSelf().tell(new ConnectionReport.CredentialsRefreshed(sealed)));
    ProviderCalls calls = runtime.calls();
    binding.bookings().ifPresent(calendar -> bookingWriter = context.spawn(Behaviors.supervise(BookingWriter.create(
            connectionId, state.hostId(), calendar, binding.calendarId(), calls, state.writerOffset(), !state.syncs(),
            context.getSelf(), runtime))
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2)),
        "booking-writer-" + generation));
    if (!state.syncs()) {
      return;
    }
    Behavior<ConnectionSync.Message> loop = ConnectionSync.create(connectionId, state.hostId(), binding, calls,
        context.getSelf(), runtime);
    // A bug in one sync must not take the entity down: the loop restarts, with backoff, from a full read.
    sync = context.spawn(Behaviors.supervise(loop)
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2)),
        "sync-" + generation);
    context.watch(sync);
    if (binding.notifications().isPresent() && runtime.pushAddress().isPresent()) {
      channelKeeper = context.spawn(Behaviors.supervise(ChannelKeeper.create(connectionId, binding.calendarId(),
              binding.notifications().get(), runtime.channels(), runtime.pushAddress().get(),
              runtime.settings().channelTtl(), sync, runtime.settings(), runtime.blocking(), clock()))
          .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2)),
          "push-channel-" + generation);
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

  private Clock clock() {
    return runtime.clock();
  }
}
