package dev.scheduler.node.calendars;

import dev.scheduler.protocol.model.Interval;
import java.util.List;
import java.util.Map;

/**
 * One page of what changed in an external calendar. {@code busy} holds events that are busy now,
 * by the provider's event (or instance) id; {@code notBusy} holds ids that must no longer block time:
 * deleted, cancelled, declined, or turned transparent. When {@code last} is true, {@code next} holds
 * the sync token for the next incremental read; otherwise it points at the next page.
 */
public record ChangePage(Map<String, Interval> busy, List<String> notBusy, SyncCursor next, boolean last) {
  public ChangePage {
    busy = Map.copyOf(busy);
    notBusy = List.copyOf(notBusy);
  }
}
