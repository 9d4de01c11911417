package dev.scheduler.node.connection;

import dev.scheduler.node.provider.BusyTimeSource;
import dev.scheduler.node.provider.ChangePage;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.model.Interval;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Providers whose answers tests script, one per connection label (a feed URL), so that tests sharing
 * a node cannot take each other's answers. Each read returns a feed's whole busy set, as an ICS feed
 * would; scripted failures are used up one per read.
 */
public final class ScriptedSources implements SourceFactory {
  private final Map<String, ScriptedFeed> feeds = new ConcurrentHashMap<>();

  public ScriptedFeed feed(String label) {
    return feeds.computeIfAbsent(label, l -> new ScriptedFeed());
  }

  @Override
  public SourceBinding open(ConnectionState state, Consumer<String> onCredentialsRefreshed) {
    return new SourceBinding(feed(state.label()), state.label());
  }

  /** One scripted provider calendar. */
  public static final class ScriptedFeed implements BusyTimeSource {
    private final Map<String, Interval> busy = new HashMap<>();
    private final Deque<ProviderException> failures = new ArrayDeque<>();
    private int reads;

    public synchronized ScriptedFeed setBusy(Map<String, Interval> events) {
      busy.clear();
      busy.putAll(events);
      return this;
    }

    public synchronized void failNext(ProviderException failure) {
      failures.add(failure);
    }

    public synchronized int reads() {
      return reads;
    }

    @Override
    public synchronized ChangePage read(String calendarId, dev.scheduler.node.provider.SyncCursor cursor,
        Interval window) throws ProviderException {
      reads++;
      ProviderException failure = failures.poll();
      if (failure != null) {
        throw failure;
      }
      return ChangePage.complete(new HashMap<>(busy), "v" + reads);
    }
  }
}
