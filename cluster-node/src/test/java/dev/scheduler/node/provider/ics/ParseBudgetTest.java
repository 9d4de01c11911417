package dev.scheduler.node.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParseBudgetTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void largeParsesWaitForEachOtherAndReleaseTheirShare() throws Exception {
    ParseBudget budget = new ParseBudget(16 * MIB);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> parse(budget, 10 * MIB, () -> {
      inside.countDown();
      release.await();
      return 1;
    }));
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(budget.available()).isEqualTo(6);
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> parse(budget, 10 * MIB, () -> 2));
    Thread.sleep(300);
    assertThat(second).as("waits for the first to finish").isNotDone();
    assertThat(parse(budget, 100, () -> 3)).as("a small feed fits beside it").isEqualTo(3);
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(budget.available()).isEqualTo(16);
    assertThat(parse(budget, 100 * MIB, () -> 4)).as("larger than the budget: takes all of it").isEqualTo(4);
  }

  private static int parse(ParseBudget budget, long size, ParseBudget.Parse<Integer, Exception> work) {
    try {
      return budget.parse(size, work);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
