package dev.scheduler.http.testkit;

import dev.scheduler.protocol.NodeHealth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Readiness as a test sets it: ready, not ready, or a check that fails. */
public final class FakeNodeHealth implements NodeHealth {
  private volatile Supplier<CompletionStage<Boolean>> answer = () -> CompletableFuture.completedFuture(true);

  public void ready(boolean ready) {
    answer = () -> CompletableFuture.completedFuture(ready);
  }

  public void answerWith(Supplier<CompletionStage<Boolean>> check) {
    answer = check;
  }

  @Override
  public CompletionStage<Boolean> isReady() {
    return answer.get();
  }
}
