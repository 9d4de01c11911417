package dev.scheduler.node.readside;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import slick.jdbc.JdbcDataSource;

/**
 * The one home of the node's read sides: every feature that reacts to what happened to host
 * calendars (read models, mail, webhooks, reminders, analytics) registers a named handler here, and
 * never polls entities or hooks into routes.
 *
 * <p>Each registration runs one projection per tag of {@link HostCalendarTags}, each kept running
 * once in the cluster by a sharded daemon process, and stores its offsets in
 * {@code pekko_projection_offset_store} in the journal's own database, so a restart (or kill -9)
 * resumes where the projection stopped.
 */
public final class ReadSide implements Extension {
  private static final Logger LOG = LoggerFactory.getLogger(ReadSide.class);

  public static final ExtensionId<ReadSide> ID = new ExtensionId<>() {
    @Override
    public ReadSide createExtension(ActorSystem<?> system) {
      return new ReadSide(system);
    }
  };

  private final ActorSystem<?> system;
  private final HostCalendarTags tags;
  private final ReadSideBatching batching;
  private final JdbcDataSource pool;
  private final Set<String> names = ConcurrentHashMap.newKeySet();

  private ReadSide(ActorSystem<?> system) {
    this.system = system;
    this.tags = HostCalendarTags.from(system.settings().config());
    this.batching = ReadSideBatching.from(system.settings().config());
    SlickExtensionImpl slick = (SlickExtensionImpl) SlickExtension.get(system);
    // The read journal's configuration names the shared pool ("scheduler") the journal writes with.
    this.pool = slick.database(system.settings().config().getConfig("jdbc-read-journal")).database().source();
  }

  public static ReadSide get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** Starts the home with the node's own read models; features then add theirs with {@link #get}. */
  public static ReadSide start(ActorSystem<?> system) {
    ReadSide home = get(system);
    home.exactlyOnce(BookingsReadModel.PROJECTION, BookingsReadModel::new);
    home.exactlyOnce(BookingFactsReadModel.PROJECTION, BookingFactsReadModel::new);
    return home;
  }

  /**
   * A read model: the handler's writes and the offset commit together, so each event is applied
   * once. Events come in batches (scheduler.read-side.batch), one transaction each. {@code name}
   * identifies the stored offsets: renaming it starts again from the first event.
   */
  public void exactlyOnce(String name, Supplier<RowHandler> handler) {
    run(name, tag -> JdbcProjection.groupedWithin(ProjectionId.of(name, tag), eventsTagged(tag), this::session,
            () -> new RowHandlerAdapter(name, tag, handler.get()), system)
        .withGroup(batching.maxEvents(), batching.maxWait()));
  }

  /** Side effects outside the database: at least once, the offset stored after the effects. */
  public void atLeastOnce(String name, Supplier<SideEffectHandler> handler) {
    run(name, tag -> JdbcProjection.atLeastOnceAsync(ProjectionId.of(name, tag), eventsTagged(tag), this::session,
        () -> new SideEffectAdapter(handler.get()), system));
  }

  /** Host analytics from the booking-facts read model, read on {@code blocking} threads. */
  public HostAnalyticsQuery analytics(java.util.concurrent.Executor blocking) {
    return new HostAnalyticsQuery(pool::createConnection, blocking);
  }

  public HostCalendarTags tags() {
    return tags;
  }

  private void run(String name, Function<String, Projection<EventEnvelope<HostCalendarEvent>>> projectionOfTag) {
    if (!names.add(name)) {
      throw new IllegalStateException("A read side named " + name + " is already running");
    }
    List<String> all = tags.all();
    ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, "read-side-" + name, all.size(),
        i -> ProjectionBehavior.create(projectionOfTag.apply(all.get(i))),
        ShardedDaemonProcessSettings.create(system), Optional.of(ProjectionBehavior.stopMessage()));
    LOG.info("Read side {} follows host-calendar events on {} tags", name, all.size());
  }

  private SourceProvider<Offset, EventEnvelope<HostCalendarEvent>> eventsTagged(String tag) {
    return EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
  }

  private PooledJdbcSession session() {
    return new PooledJdbcSession(pool);
  }

  static HostEvent hostEvent(EventEnvelope<HostCalendarEvent> envelope) {
    String hostId = PersistenceId.ofUniqueId(envelope.persistenceId()).entityId();
    return new HostEvent(hostId, envelope.sequenceNr(), Instant.ofEpochMilli(envelope.timestamp()), envelope.event());
  }
}
