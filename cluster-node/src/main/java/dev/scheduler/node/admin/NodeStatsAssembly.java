package dev.scheduler.node.admin;

import dev.scheduler.protocol.admin.ClusterOperations;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.typed.Cluster;

/** Starts this node's stats reporter and answers the console's question for the whole cluster. */
public final class NodeStatsAssembly {
  /** Short: the console polls every few seconds and a node that cannot answer is shown as missing. */
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  private NodeStatsAssembly() {}

  public static ClusterOperations start(ActorSystem<?> system, MeterRegistry registry, Clock clock) {
    AtomicReference<Instant> upSince = new AtomicReference<>();
    org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system))
        .registerOnMemberUp(() -> upSince.compareAndSet(null, clock.instant()));
    String address = Cluster.get(system).selfMember().address().toString();
    NodeStatsSampler sampler = new NodeStatsSampler(registry, clock, () -> address, upSince::get);
    system.systemActorOf(NodeStatsReporter.create(sampler), "node-stats", Props.empty());
    return new NodeClusterOperations(system, ASK_TIMEOUT);
  }
}
