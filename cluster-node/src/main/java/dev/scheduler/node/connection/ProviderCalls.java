package dev.scheduler.node.connection;

import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.provider.RequestBudget;
import java.time.Duration;

/**
 * Every call a connection makes to its provider goes through here: it waits for a request from the
 * connection's budget and from the node's, so that a storm of 429s slows everything down instead of
 * being answered with more requests. Runs on the blocking pool, where waiting is allowed.
 */
public final class ProviderCalls {
  private final RequestBudget connection;
  private final RequestBudget node;

  public ProviderCalls(RequestBudget connection, RequestBudget node) {
    this.connection = connection;
    this.node = node;
  }

  public interface Call<T> {
    T run() throws ProviderException;
  }

  public <T> T call(Call<T> call) throws ProviderException {
    waitFor(connection);
    waitFor(node);
    try {
      return call.run();
    } catch (ProviderException.RateLimited limited) {
      connection.drain();
      node.drain();
      throw limited;
    }
  }

  private static void waitFor(RequestBudget budget) throws ProviderException {
    Duration wait = budget.tryTake();
    while (!wait.isZero()) {
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException.Unavailable("interrupted while waiting for the request budget");
      }
      wait = budget.tryTake();
    }
  }
}
