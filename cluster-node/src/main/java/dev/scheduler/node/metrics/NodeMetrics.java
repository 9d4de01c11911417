package dev.scheduler.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import dev.scheduler.node.notify.outbox.ConnectionSource;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * The node's one metrics registry, scraped at {@code GET /metrics}: the HTTP side's meters
 * ({@code dev.scheduler.http.metrics.HttpMetrics}, bound to it by the assembly), the
 * entity asks ({@link EntityAskMetrics}), the journal's writes ({@link MeteredJournalDao}), calendar
 * syncs ({@link SyncMetrics}), the outbox's deliveries, the JVM (memory, GC, threads, classes, CPU:
 * the process's CPU seconds are what `harness compare` divides by answered requests), and gauges
 * refreshed in the background ({@link ClusterGauges}: entities per shard region on this node, the
 * outboxes' depth).
 *
 * <p>A Pekko extension, one per actor system: what Pekko builds by reflection (the journal's DAO)
 * finds the registry through its system, whatever starts first.
 */
public final class NodeMetrics implements Extension {
  private static final Duration REFRESH = Duration.ofSeconds(5);
  private static final Id ID = new Id();

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private NodeMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public static NodeMetrics get(ActorSystem<?> system) {
    return get(Adapter.toClassic(system));
  }

  public static NodeMetrics get(org.apache.pekko.actor.ActorSystem system) {
    return ID.get(system);
  }

  /** Starts the background gauges; the assembly hands the registry to the routes and the entity client. */
  public static NodeMetrics start(ActorSystem<?> system, ConnectionSource database, Clock clock) {
    NodeMetrics metrics = get(system);
    ClusterGauges gauges = new ClusterGauges(system, metrics.registry, database, clock);
    var blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    system.scheduler().scheduleWithFixedDelay(REFRESH, REFRESH, () -> blocking.execute(gauges::refresh),
        system.executionContext());
    return metrics;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text format of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  public EntityAskMetrics entityAsks() {
    return new EntityAskMetrics(registry);
  }

  private static final class Id extends AbstractExtensionId<NodeMetrics> {
    @Override
    public NodeMetrics createExtension(ExtendedActorSystem system) {
      return new NodeMetrics();
    }
  }
}
