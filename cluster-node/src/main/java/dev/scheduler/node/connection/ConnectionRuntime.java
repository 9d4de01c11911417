package dev.scheduler.node.connection;

import dev.scheduler.node.metrics.SyncMetrics;
import dev.scheduler.node.provider.RequestBudget;
import dev.scheduler.node.provider.google.PushChannels;
import dev.scheduler.protocol.EntityClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What connection entities need from the node: provider clients, settings, a thread pool for
 * blocking provider calls and another for feed reads (so slow feeds cannot hold Google's), time, where push notifications should go (empty: no push, polling only), and the
 * way to the host calendars they feed, the write-back outbox their booking writers read, and the
 * node's sync metrics.
 */
public record ConnectionRuntime(SourceFactory sources, SyncSettings settings, Executor blocking, Executor feedReads,
    Clock clock,
    PushChannels channels, Optional<String> pushAddress, RequestBudget nodeBudget, EntityClient entities,
    WriteBackOutbox writeBacks, SyncMetrics syncMetrics) {

  /** Where a connection's reads block: feeds have a pool of their own. */
  public Executor readsOf(dev.scheduler.protocol.connection.ProviderKind provider) {
    return provider == dev.scheduler.protocol.connection.ProviderKind.ICS ? feedReads : blocking;
  }

  /** Provider calls of one connection: its own budget, and the node's shared by all connections. */
  public ProviderCalls calls() {
    return new ProviderCalls(
        new RequestBudget(clock, settings.connectionBurst(), settings.connectionPerMinute()), nodeBudget);
  }
}
