package dev.scheduler.node.provider.ics;

/**
 * How much one feed may make us expand, counted while expanding so that no rule can make us hold
 * more than these before we stop. The host's calendar refuses more than
 * {@code scheduler.limits.busy-intervals-per-source} intervals from one source, so
 * {@code intervalsPerFeed} must not be above it.
 *
 * @param instancesPerEvent instances of one event (its RRULE and RDATEs) in the sync window
 * @param instancesPerFeed instances of all events together, before merging
 * @param intervalsPerFeed busy intervals the feed yields after overlapping and touching ones merge
 */
public record IcsLimits(int instancesPerEvent, int instancesPerFeed, int intervalsPerFeed) {

  /** The defaults of {@code scheduler.ics.limits} in calendars.conf. */
  public static final IcsLimits DEFAULT = new IcsLimits(5000, 50_000, 3000);

  public IcsLimits {
    if (instancesPerEvent < 1 || instancesPerFeed < 1 || intervalsPerFeed < 1) {
      throw new IllegalArgumentException("feed limits must be positive");
    }
  }
}
