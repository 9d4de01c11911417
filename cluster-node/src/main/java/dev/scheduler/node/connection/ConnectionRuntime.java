package dev.scheduler.node.connection;

import java.time.Clock;
import java.util.concurrent.Executor;

/** What connection entities need from the node: provider clients, settings, a thread pool for blocking calls, time. */
public record ConnectionRuntime(SourceFactory sources, SyncSettings settings, Executor blocking, Clock clock) {}
