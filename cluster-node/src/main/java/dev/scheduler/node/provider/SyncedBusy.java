package dev.scheduler.node.provider;

import dev.scheduler.protocol.model.Interval;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The busy time of one connection as the sync has seen it, by provider event id. A full sync
 * builds a fresh set on the side and only replaces the current one when its last page arrives, so a
 * sync that fails half way (a 410 on page 2, a network error) never leaves holes in the busy time.
 * Immutable: each page gives a new value.
 */
public record SyncedBusy(Map<String, Interval> current, Map<String, Interval> fullSyncInProgress) {

  public SyncedBusy {
    current = Map.copyOf(current);
    fullSyncInProgress = fullSyncInProgress == null ? null : Map.copyOf(fullSyncInProgress);
  }

  public static SyncedBusy empty() {
    return new SyncedBusy(Map.of(), null);
  }

  /** Takes one page read with {@code cursor}. */
  public SyncedBusy apply(SyncCursor cursor, ChangePage page) {
    if (page.replacesAll()) {
      return new SyncedBusy(page.busy(), null);
    }
    if (cursor.isFullSync()) {
      Map<String, Interval> building = new HashMap<>(cursor.pageToken() == null || fullSyncInProgress == null
          ? Map.of() : fullSyncInProgress);
      page.notBusy().forEach(building::remove);
      building.putAll(page.busy());
      return page.last() ? new SyncedBusy(building, null) : new SyncedBusy(current, building);
    }
    Map<String, Interval> updated = new HashMap<>(current);
    page.notBusy().forEach(updated::remove);
    updated.putAll(page.busy());
    return new SyncedBusy(updated, null);
  }

  /** Drops a half-built full sync, keeping what was last known complete. */
  public SyncedBusy abandonFullSync() {
    return new SyncedBusy(current, null);
  }

  /** The intervals to hand to the host's calendar, sorted by start. */
  public List<Interval> intervals() {
    return current.values().stream().sorted(Comparator.comparing(Interval::start).thenComparing(Interval::end)).toList();
  }
}
