package dev.scheduler.node.provider;

import dev.scheduler.protocol.model.Interval;
import java.util.List;
import java.util.Map;

/**
 * One page of what changed in an external calendar. {@code busy} holds events that are busy now,
 * by the provider's event (or instance) id; {@code notBusy} holds ids that must no longer block time:
 * deleted, cancelled, declined, or turned transparent. When {@code last} is true, {@code next} holds
 * the sync token for the next incremental read; otherwise it points at the next page. A page that
 * {@code replacesAll} carries the source's complete busy set (an ICS feed is read whole each time).
 */
public record ChangePage(
    Map<String, Interval> busy, List<String> notBusy, SyncCursor next, boolean last, boolean replacesAll) {
  public ChangePage {
    busy = Map.copyOf(busy);
    notBusy = List.copyOf(notBusy);
  }

  public ChangePage(Map<String, Interval> busy, List<String> notBusy, SyncCursor next, boolean last) {
    this(busy, notBusy, next, last, false);
  }

  /** The whole busy set of a source that has no incremental reads; {@code version} marks it. */
  public static ChangePage complete(Map<String, Interval> busy, String version) {
    return new ChangePage(busy, List.of(), SyncCursor.incremental(version), true, true);
  }

  /** Nothing changed since {@code cursor}. */
  public static ChangePage unchanged(SyncCursor cursor) {
    return new ChangePage(Map.of(), List.of(), cursor, true, false);
  }
}
