package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.testkit.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Alive until the journal has failed every probe for longer than the outage limit; alive again once it answers. */
class JournalWatchTest {
  private static final JournalWatch.Settings SETTINGS =
      new JournalWatch.Settings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(60));

  private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T00:00:00Z"));
  private final AtomicReference<CompletionStage<?>> answer =
      new AtomicReference<>(CompletableFuture.completedFuture(null));
  private final JournalWatch watch = new JournalWatch(SETTINGS, clock, answer::get);

  @Test
  void aShortOutageKeepsTheNodeAliveALongOneDoesNot() {
    watch.probeOnce();
    assertThat(watch.isAlive()).isTrue();

    answer.set(CompletableFuture.failedFuture(new SQLException("database is closed")));
    watch.probeOnce();
    clock.advance(Duration.ofSeconds(60));
    watch.probeOnce();
    assertThat(watch.isAlive()).as("failing for exactly the limit").isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(watch.isAlive()).isFalse();

    answer.set(CompletableFuture.completedFuture(null));
    watch.probeOnce();
    assertThat(watch.isAlive()).isTrue();
  }

  @Test
  void aProbeThatNeverAnswersCountsAsAFailure() throws Exception {
    JournalWatch slow = new JournalWatch(
        new JournalWatch.Settings(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(60)),
        clock, CompletableFuture::new);
    slow.probeOnce();
    Thread.sleep(300);
    clock.advance(Duration.ofSeconds(61));
    assertThat(slow.isAlive()).isFalse();
  }
}
