package dev.scheduler.node.provider.ics;

/**
 * A feed asks for more expansion than {@link IcsLimits} allow. Unchecked, so that it passes through
 * the expansion's lambdas; its message is shown to the host, and the last good busy time stays.
 */
public final class FeedLimitExceeded extends RuntimeException {

  public FeedLimitExceeded(String message) {
    super(message, null, false, false);
  }
}
