package dev.scheduler.node.provider.ics;

/** Counts the instances one feed's expansion has produced so far, and stops it past the limit. */
final class ExpansionBudget {
  private final IcsLimits limits;
  private int instances;

  ExpansionBudget(IcsLimits limits) {
    this.limits = limits;
  }

  int perEvent() {
    return limits.instancesPerEvent();
  }

  void spend(int count) {
    instances += count;
    if (instances > limits.instancesPerFeed()) {
      throw new FeedLimitExceeded("The feed's events repeat more than " + limits.instancesPerFeed()
          + " times in the synced window, which is more than we read from one feed.");
    }
  }
}
