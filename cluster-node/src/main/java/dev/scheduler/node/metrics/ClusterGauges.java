package dev.scheduler.node.metrics;

import dev.scheduler.node.notify.outbox.ConnectionSource;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.connection.ConnectionEntityKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges that need a question answered first, refreshed every few seconds off the request path:
 * the entities this node's shard regions hold, the durable outbox's messages by channel and
 * state, and the calendar write-back outbox's rows and the age of its oldest. The outboxes are
 * tables of the cluster, so every node reports the same counts.
 */
final class ClusterGauges {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterGauges.class);
  private static final Duration ASK = Duration.ofSeconds(3);
  private static final List<EntityTypeKey<?>> ENTITY_TYPES =
      List.of(HostCalendarEntityKey.ENTITY_KEY, ConnectionEntityKey.ENTITY_KEY);

  private final ActorSystem<?> system;
  private final ConnectionSource database;
  private final Map<String, AtomicInteger> entities = new ConcurrentHashMap<>();
  private final MultiGauge outbox;
  private final Clock clock;
  private final AtomicLong writeBackRows = new AtomicLong();
  /** When the oldest write-back row was queued (null: none); its age grows between refreshes. */
  private volatile Instant oldestWriteBack;
  private volatile boolean outboxWarned;

  ClusterGauges(ActorSystem<?> system, MeterRegistry registry, ConnectionSource database, Clock clock) {
    this.system = system;
    this.database = database;
    this.clock = clock;
    for (EntityTypeKey<?> key : ENTITY_TYPES) {
      AtomicInteger count = new AtomicInteger();
      entities.put(key.name(), count);
      io.micrometer.core.instrument.Gauge.builder("scheduler.sharding.entities", count, AtomicInteger::get)
          .description("Entities alive in this node's shard region")
          .tag("entity", key.name())
          .register(registry);
    }
    this.outbox = MultiGauge.builder("scheduler.outbox.messages")
        .description("Outbound messages (mail, webhooks) in the cluster's outbox, by channel and state")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder("scheduler.writeback.outbox.rows", writeBackRows, AtomicLong::get)
        .description("Bookings waiting in the calendar write-back outbox to be written to external calendars")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder("scheduler.writeback.oldest.row.age", this, ClusterGauges::oldestAge)
        .description("How long the oldest row of the calendar write-back outbox has waited (0: none waits)")
        .baseUnit("seconds")
        .register(registry);
  }

  void refresh() {
    ENTITY_TYPES.forEach(this::refreshEntities);
    refreshOutbox();
    refreshWriteBacks();
  }

  private void refreshEntities(EntityTypeKey<?> key) {
    try {
      CurrentShardRegionState state = AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
              ClusterSharding.get(system).shardState(), replyTo -> new GetShardRegionState(key, replyTo), ASK,
              system.scheduler())
          .toCompletableFuture().get(ASK.toMillis() + 500, TimeUnit.MILLISECONDS);
      int count = 0;
      for (var shard : state.getShards()) {
        count += shard.getEntityIds().size();
      }
      entities.get(key.name()).set(count);
    } catch (Exception e) {
      LOG.debug("Shard region state of {} not read: {}", key.name(), e.toString());
    }
  }

  private void refreshOutbox() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    try (Connection connection = database.open(); Statement query = connection.createStatement();
        ResultSet counts = query.executeQuery(
            "SELECT channel, state, COUNT(*) FROM notify_outbox GROUP BY channel, state")) {
      while (counts.next()) {
        rows.add(MultiGauge.Row.of(Tags.of("channel", counts.getString(1), "state", counts.getString(2)),
            counts.getLong(3)));
      }
      outbox.register(rows, true);
      outboxWarned = false;
    } catch (SQLException e) {
      if (!outboxWarned) {
        outboxWarned = true;
        LOG.warn("The outbox gauges could not be read ({}); they keep their last values until the database answers",
            e.getMessage());
      }
    }
  }

  // Failures are the outbox query's: the same database, so warned about once there.
  private void refreshWriteBacks() {
    try (Connection connection = database.open(); Statement query = connection.createStatement();
        ResultSet depth = query.executeQuery("SELECT COUNT(*), MIN(created_at) FROM calendar_writeback_outbox")) {
      depth.next();
      writeBackRows.set(depth.getLong(1));
      OffsetDateTime oldest = depth.getObject(2, OffsetDateTime.class);
      oldestWriteBack = oldest == null ? null : oldest.toInstant();
    } catch (SQLException e) {
      LOG.debug("The write-back outbox gauges could not be read: {}", e.toString());
    }
  }

  private double oldestAge() {
    Instant oldest = oldestWriteBack;
    return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
  }
}
