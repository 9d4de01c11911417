package dev.scheduler.node.host;

import dev.scheduler.node.domain.BookingRules;
import dev.scheduler.node.domain.CalendarRules;
import dev.scheduler.node.domain.HostConnectionRules;
import dev.scheduler.node.domain.Decision;
import dev.scheduler.node.domain.HostCalendarEvolution;
import dev.scheduler.node.domain.HostLimits;
import dev.scheduler.node.readside.HostCalendarTags;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.AddConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ConfigureConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListConnections;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RecordCalendarWrite;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RemoveConnection;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RetryCalendarWrite;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SyncBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CancelBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetEventTypes;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSlots;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListBookings;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceHostToken;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RescheduleBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.slf4j.Logger;

/**
 * One host's calendar: the single writer for everything that host owns. Every booking, cancel and
 * reschedule of the host is serialized through this entity, and answered only after its event is
 * persisted. The decisions themselves are made by the pure domain; this class only turns them into
 * effects.
 */
public final class HostCalendarEntity
    extends EventSourcedBehaviorWithEnforcedReplies<HostCalendarCommand, HostCalendarEvent, HostCalendarState> {

  public static final EntityTypeKey<HostCalendarCommand> ENTITY_KEY = HostCalendarEntityKey.ENTITY_KEY;

  private final Clock clock;
  private final HostLimits limits;
  private final JournalSerializationCheck journalCheck;
  private final Logger log;
  /** Where to ask for passivation; empty outside sharding (the entity test kit). */
  private final Optional<ActorRef<ClusterSharding.ShardCommand>> shard;
  private final ActorRef<HostCalendarCommand> self;
  private final Set<String> tags;
  private boolean passivating;

  public static void init(ActorSystem<?> system, Clock clock, HostLimits limits) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx ->
        create(ctx.getEntityId(), clock, limits, Optional.of(ctx.getShard()))));
  }

  /** With the default limits. */
  public static Behavior<HostCalendarCommand> create(String hostId, Clock clock) {
    return create(hostId, clock, HostLimits.DEFAULTS);
  }

  public static Behavior<HostCalendarCommand> create(String hostId, Clock clock, HostLimits limits) {
    return create(hostId, clock, limits, Optional.empty());
  }

  static Behavior<HostCalendarCommand> create(String hostId, Clock clock, HostLimits limits,
      Optional<ActorRef<ClusterSharding.ShardCommand>> shard) {
    return Behaviors.setup(context -> new HostCalendarEntity(hostId, clock, limits, shard, context));
  }

  private HostCalendarEntity(String hostId, Clock clock, HostLimits limits,
      Optional<ActorRef<ClusterSharding.ShardCommand>> shard, ActorContext<HostCalendarCommand> context) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), hostId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.clock = clock;
    this.limits = limits;
    this.journalCheck = new JournalSerializationCheck(context.getSystem());
    this.log = context.getLog();
    this.shard = shard;
    this.self = context.getSelf();
    this.tags = Set.of(HostCalendarTags.from(context.getSystem().settings().config()).tagFor(hostId));
  }

  /** Every event carries its host's slice tag, which the read sides follow (docs/read-side.md). */
  @Override
  public Set<String> tagsFor(HostCalendarEvent event) {
    return tags;
  }

  @Override
  public HostCalendarState emptyState() {
    return null;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public EventHandler<HostCalendarState, HostCalendarEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onAnyEvent((state, event) -> HostCalendarEvolution.evolve(state, event, limits));
  }

  @Override
  public CommandHandlerWithReply<HostCalendarCommand, HostCalendarEvent, HostCalendarState> commandHandler() {
    CommandHandlerWithReplyBuilder<HostCalendarCommand, HostCalendarEvent, HostCalendarState> builder =
        newCommandHandlerWithReplyBuilder();
    builder.forNullState()
        .onCommand(CreateHost.class, c -> decided(CalendarRules.createHost(null, c.host()), c.replyTo()))
        .onAnyCommand(this::hostNotFound);
    builder.forStateType(HostCalendarState.class)
        .onCommand(CreateHost.class, (s, c) -> decided(CalendarRules.createHost(s, c.host()), c.replyTo()))
        .onCommand(GetHost.class, (s, c) -> decided(CalendarRules.getHost(s, c.access()), c.replyTo()))
        .onCommand(ReplaceHostToken.class, (s, c) ->
            decided(CalendarRules.replaceHostToken(s, c.access(), c.apiTokenHash(), now()), c.replyTo()))
        .onCommand(SetSchedule.class, (s, c) ->
            decided(CalendarRules.setSchedule(s, c.access(), c.schedule(), now()), c.replyTo()))
        .onCommand(GetSchedule.class, (s, c) -> decided(CalendarRules.getSchedule(s, c.access()), c.replyTo()))
        .onCommand(SaveEventType.class, (s, c) ->
            decided(CalendarRules.saveEventType(s, c.access(), c.eventType(), now(), limits), c.replyTo()))
        .onCommand(GetEventTypes.class, (s, c) ->
            Effect().reply(c.replyTo(), StatusReply.success(CalendarRules.eventTypes(s))))
        .onCommand(ReplaceBusy.class, (s, c) -> decided(
            CalendarRules.replaceBusy(s, c.access(), c.sourceId(), c.intervals(), now(), limits), c.replyTo()))
        .onCommand(SyncBusy.class, (s, c) -> decided(
            HostConnectionRules.syncBusy(s, c.connectionId(), c.intervals(), now(), limits), c.replyTo()))
        .onCommand(RecordCalendarWrite.class, (s, c) -> decided(HostConnectionRules.recordWrite(
            s, c.connectionId(), c.bookingId(), c.version(), c.status(), c.reason(), now()), c.replyTo()))
        .onCommand(RetryCalendarWrite.class, (s, c) -> decided(
            HostConnectionRules.retryWrite(s, c.access(), c.bookingId(), now()), c.replyTo()))
        .onCommand(AddConnection.class, (s, c) -> decided(
            HostConnectionRules.add(s, c.access(), c.connectionId(), c.provider(), now(), limits), c.replyTo()))
        .onCommand(ConfigureConnection.class, (s, c) -> decided(HostConnectionRules.configure(
            s, c.access(), c.connectionId(), c.countsForConflicts(), c.receivesBookings(), now()), c.replyTo()))
        .onCommand(RemoveConnection.class, (s, c) -> decided(
            HostConnectionRules.remove(s, c.access(), c.connectionId(), now()), c.replyTo()))
        .onCommand(ListConnections.class, (s, c) -> decided(HostConnectionRules.list(s, c.access()), c.replyTo()))
        .onCommand(GetSlots.class, (s, c) -> decided(
            CalendarRules.slots(s, c.eventType(), c.startDate(), c.endDate(), c.timeZone(), now()), c.replyTo()))
        .onCommand(Book.class, (s, c) -> decided(BookingRules.book(s, c.request(), c.answerBy(), now(), limits), c.replyTo()))
        .onCommand(ListBookings.class, (s, c) -> decided(
            BookingRules.list(s, c.access(), c.from(), c.to(), c.status()), c.replyTo()))
        .onCommand(GetBooking.class, (s, c) ->
            decided(BookingRules.get(s, c.access(), c.bookingId(), now(), limits), c.replyTo()))
        .onCommand(CancelBooking.class, (s, c) -> decided(
            BookingRules.cancel(s, c.access(), c.bookingId(), c.reason(), now(), limits), c.replyTo()))
        .onCommand(RescheduleBooking.class, (s, c) -> decided(
            BookingRules.reschedule(s, c.access(), c.bookingId(), c.newStart(), now(), limits), c.replyTo()));
    return builder.build();
  }

  private Instant now() {
    return clock.instant();
  }

  private <R> ReplyEffect<HostCalendarEvent, HostCalendarState> decided(
      Decision<R> decision, ActorRef<StatusReply<R>> replyTo) {
    if (decision instanceof Decision.Reject<R> reject) {
      return Effect().reply(replyTo, StatusReply.error(reject.rejection().toStatusText()));
    }
    if (decision instanceof Decision.Answer<R> answer) {
      return Effect().reply(replyTo, StatusReply.success(answer.reply()));
    }
    Decision.Persist<R> persist = (Decision.Persist<R>) decision;
    Optional<String> unwritable = journalCheck.firstUnwritable(persist.events());
    if (unwritable.isPresent()) {
      log.warn("Refused a command to {}: its event cannot be written to the journal ({})", persistenceId().id(),
          unwritable.get());
      return Effect().reply(replyTo, StatusReply.error(Rejection.of(RejectionCode.INVALID_REQUEST,
          "The request holds a value that cannot be stored (such as text that is not valid Unicode).")
          .toStatusText()));
    }
    return Effect().persist(persist.events())
        .thenReply(replyTo, state -> StatusReply.success(persist.reply().apply(state)));
  }

  // Commands to a host that was never created reach an entity with no state: all but CreateHost
  // are answered not_found, and nothing is persisted, so probing random ids leaves no trace. The
  // entity then asks its shard to passivate it rather than idle for the passivation timeout (random
  // ids kept ~5 KB each in memory for ten minutes). Passivation, not stopping itself: the shard
  // sends the stop after what is already queued (a CreateHost for this id is then persisted first),
  // and keeps what arrives meanwhile for a new incarnation, so no command loses its answer.
  private ReplyEffect<HostCalendarEvent, HostCalendarState> hostNotFound(HostCalendarCommand command) {
    StatusReply<Object> notFound =
        StatusReply.error(Rejection.of(RejectionCode.NOT_FOUND, "No such host.").toStatusText());
    return Effect().none().thenRun(state -> passivateOnce()).thenReply(replyToOf(command), state -> notFound);
  }

  private void passivateOnce() {
    if (!passivating && shard.isPresent()) {
      passivating = true;
      shard.get().tell(new ClusterSharding.Passivate<>(self));
    }
  }

  // Safe: a rejection is a StatusReply of any type.
  @SuppressWarnings("unchecked")
  private static ActorRef<StatusReply<Object>> replyToOf(HostCalendarCommand command) {
    return (ActorRef<StatusReply<Object>>) command.replyTo();
  }
}
