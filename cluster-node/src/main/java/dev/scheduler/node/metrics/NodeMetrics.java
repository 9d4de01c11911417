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
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * The node's one metrics registry, scraped at {@code GET /metrics}: the HTTP side's meters
 * ({@code dev.scheduler.http.metrics.HttpMetrics}, bound to it by the assembly), the
 * entity asks ({@link EntityAskMetrics}), the JVM (memory, GC, threads, classes, CPU: the process's
 * CPU seconds are what `harness compare` divides by answered requests), and gauges refreshed in the
 * background ({@link ClusterGauges}: entities per shard region on this node, the outbox's depth).
 */
public final class NodeMetrics {
  private static final Duration REFRESH = Duration.ofSeconds(5);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private NodeMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Starts the background gauges; the assembly hands the registry to the routes and the entity client. */
  public static NodeMetrics start(ActorSystem<?> system, ConnectionSource database) {
    NodeMetrics metrics = new NodeMetrics();
    ClusterGauges gauges = new ClusterGauges(system, metrics.registry, database);
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
}
