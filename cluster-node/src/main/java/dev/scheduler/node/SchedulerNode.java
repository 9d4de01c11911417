package dev.scheduler.node;

import com.typesafe.config.Config;
import dev.scheduler.http.ApiSettings;
import dev.scheduler.http.IsolationSettings;
import dev.scheduler.http.auth.Tokens;
import dev.scheduler.node.connection.SourceFactory;
import dev.scheduler.node.connection.WriteBackQueueQuery;
import dev.scheduler.http.HttpServer;
import dev.scheduler.http.metrics.HttpMetrics;
import dev.scheduler.http.routes.ApiRoutes;
import dev.scheduler.node.host.HostCalendarEntity;
import dev.scheduler.node.admin.NodeStatsAssembly;
import dev.scheduler.node.config.DataDirectory;
import dev.scheduler.protocol.admin.ClusterOperations;
import dev.scheduler.node.config.KeyDerivation;
import dev.scheduler.node.config.NodeSecrets;
import dev.scheduler.node.config.NodeSettings;
import dev.scheduler.node.persistence.DurabilityCheck;
import dev.scheduler.node.persistence.JournalReadiness;
import dev.scheduler.node.persistence.SchemaInitializer;
import dev.scheduler.node.notify.delivery.BookingMailDelivery;
import dev.scheduler.node.metrics.NodeMetrics;
import dev.scheduler.node.notify.outbox.SharedPool;
import dev.scheduler.node.notify.webhook.WebhookDelivery;
import dev.scheduler.node.readside.ReadSide;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.connection.CalendarConnections;
import dev.scheduler.protocol.notify.BookingNotifications;
import dev.scheduler.protocol.webhook.WebhookSubscriptions;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: database schema, actor system in the cluster, host calendars sharded, HTTP API
 * bound, and Pekko Management's health checks (and Cluster Bootstrap) when configured. Main starts
 * one; tests start several in one JVM.
 */
public final class SchedulerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerNode.class);

  private final ActorSystem<Void> system;
  private final NodeSettings settings;
  private final NodeSecrets secrets;
  private final InetSocketAddress binding;
  private final OptionalInt managementPort;

  private SchedulerNode(ActorSystem<Void> system, NodeSettings settings, NodeSecrets secrets, InetSocketAddress binding,
      OptionalInt managementPort) {
    this.system = system;
    this.settings = settings;
    this.secrets = secrets;
    this.binding = binding;
    this.managementPort = managementPort;
  }

  public static SchedulerNode start(Config config, Clock clock) {
    return start(config, clock, null);
  }

  /** As {@link #start(Config, Clock)}, with calendar providers replaced (tests, load harness). */
  public static SchedulerNode start(Config config, Clock clock, SourceFactory calendarSources) {
    NodeSettings settings = NodeSettings.from(config);
    LOG.info("Starting node: {}", settings);
    if (!settings.clusterMode()) {
      DataDirectory.prepare(settings.dataDir());
    }
    NodeSecrets secrets = NodeSecrets.load(settings);
    SchemaInitializer.ensureSchema(settings.database());
    if (!settings.clusterMode()) {
      DataDirectory.restrictFiles(settings.dataDir());
    }
    DurabilityCheck.report(settings.database());
    Config full = settings.database().pekkoConfig()
        .withFallback(settings.seedNodeConfig())
        .withFallback(settings.shutdownConfig())
        .withFallback(config)
        .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), NodeSettings.SYSTEM_NAME, full);
    try {
      if (settings.foundsItsOwnCluster()) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      // Before anything else: with Cluster Bootstrap the other pods must reach this one's
      // management port to form the cluster at all.
      JournalReadiness health = new JournalReadiness(system, clock);
      OptionalInt managementPort = NodeManagement.start(system, settings.management(), health);
      HostCalendarEntity.init(system, clock, settings.hostLimits());
      ReadSide readSide = ReadSide.start(system);
      byte[] bookingTokenKey = KeyDerivation.derive(secrets.secretKey(), KeyDerivation.BOOKING_TOKENS);
      BookingNotifications notifications = BookingMailDelivery.start(system, full, settings.dataDir(), clock,
          new Tokens(bookingTokenKey)::bookingToken);
      NodeMetrics metrics = NodeMetrics.start(system, SharedPool.of(system), clock);
      EntityClient entities = new ShardedEntityClient(system, settings.askTimeout(), clock, metrics.entityAsks());
      WebhookSubscriptions webhooks = WebhookDelivery.start(system, full, secrets.secretKey(), entities, clock);
      ApiSettings api = new ApiSettings(secrets.adminToken(), bookingTokenKey, settings.httpMaxInFlight());
      CalendarConnections connections = ConnectionAssembly.start(system, full, secrets, entities, clock, calendarSources);
      ClusterOperations clusterOperations = NodeStatsAssembly.start(system, metrics.registry(), clock);
      ApiRoutes routes = new ApiRoutes(system, api, IsolationSettings.from(full), health,
          entities, connections, notifications, webhooks,
          readSide.analytics(system.dispatchers().lookup(DispatcherSelector.blocking())),
          new WriteBackQueueQuery(SharedPool.of(system), system.dispatchers().lookup(DispatcherSelector.blocking())),
          new HttpMetrics(metrics.registry(), metrics::scrape), clusterOperations, clock);
      InetSocketAddress binding = HttpServer.start(system, routes.routes(), settings.httpHost(), settings.httpPort(),
              settings.httpDrainTimeout())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new SchedulerNode(system, settings, secrets, binding, managementPort);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("The node could not start: " + e.getMessage(), e);
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public NodeSettings settings() {
    return settings;
  }

  public NodeSecrets secrets() {
    return secrets;
  }

  public int httpPort() {
    InetSocketAddress address = binding;
    return address.getPort();
  }

  /** The port of {@code /alive} and {@code /ready}; empty unless management is configured. */
  public OptionalInt managementPort() {
    return managementPort;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort();
  }

  /** Leaves the cluster gracefully (shards hand over) and waits for the system to stop. */
  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("The node did not stop within 60 s", e);
    }
  }
}
