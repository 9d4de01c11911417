package dev.scheduler.node.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.model.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncedBusyTest {
  private static final Interval NINE = span("09:00", "10:00");
  private static final Interval TEN = span("10:00", "11:00");
  private static final Interval NOON = span("12:00", "13:00");

  @Test
  void aFullSyncReplacesTheBusyTimeOnlyWhenItsLastPageArrives() {
    SyncedBusy before = SyncedBusy.empty().apply(SyncCursor.fullSync(),
        new ChangePage(Map.of("old", NOON), List.of(), SyncCursor.incremental("t1"), true));

    SyncedBusy firstPage = before.apply(SyncCursor.fullSync(),
        new ChangePage(Map.of("a", NINE), List.of(), SyncCursor.fullSync().nextPage("p2"), false));
    assertThat(firstPage.intervals()).containsExactly(NOON);

    SyncedBusy emptyPage = firstPage.apply(SyncCursor.fullSync().nextPage("p2"),
        new ChangePage(Map.of(), List.of(), SyncCursor.fullSync().nextPage("p3"), false));
    SyncedBusy done = emptyPage.apply(SyncCursor.fullSync().nextPage("p3"),
        new ChangePage(Map.of("b", TEN), List.of(), SyncCursor.incremental("t2"), true));
    assertThat(done.intervals()).containsExactly(NINE, TEN);
  }

  @Test
  void anAbandonedFullSyncKeepsTheLastCompleteBusyTime() {
    SyncedBusy known = SyncedBusy.empty().apply(SyncCursor.fullSync(),
        new ChangePage(Map.of("old", NOON), List.of(), SyncCursor.incremental("t1"), true));
    SyncedBusy half = known.apply(SyncCursor.fullSync(),
        new ChangePage(Map.of("a", NINE), List.of(), SyncCursor.fullSync().nextPage("p2"), false));
    assertThat(half.abandonFullSync().intervals()).containsExactly(NOON);
    SyncedBusy restarted = half.abandonFullSync().apply(SyncCursor.fullSync(),
        new ChangePage(Map.of("b", TEN), List.of(), SyncCursor.incremental("t2"), true));
    assertThat(restarted.intervals()).containsExactly(TEN);
  }

  @Test
  void incrementalPagesAddMoveAndRemoveEvents() {
    SyncedBusy known = SyncedBusy.empty().apply(SyncCursor.fullSync(),
        new ChangePage(Map.of("a", NINE, "b", TEN), List.of(), SyncCursor.incremental("t1"), true));
    SyncedBusy changed = known.apply(SyncCursor.incremental("t1"),
        new ChangePage(Map.of("a", NOON), List.of("b", "never-seen"), SyncCursor.incremental("t2"), true));
    assertThat(changed.intervals()).containsExactly(NOON);
  }

  @Test
  void aCompletePageReplacesEverything() {
    SyncedBusy known = SyncedBusy.empty().apply(SyncCursor.fullSync(),
        new ChangePage(Map.of("a", NINE, "b", TEN), List.of(), SyncCursor.incremental("etag-1"), true));
    SyncedBusy unchanged = known.apply(SyncCursor.incremental("etag-1"), ChangePage.unchanged(SyncCursor.incremental("etag-1")));
    assertThat(unchanged.intervals()).containsExactly(NINE, TEN);
    SyncedBusy reread = unchanged.apply(SyncCursor.incremental("etag-1"), ChangePage.complete(Map.of("x", NOON), "etag-2"));
    assertThat(reread.intervals()).containsExactly(NOON);
  }

  private static Interval span(String from, String to) {
    return new Interval(Instant.parse("2027-03-15T" + from + ":00Z"), Instant.parse("2027-03-15T" + to + ":00Z"));
  }
}
