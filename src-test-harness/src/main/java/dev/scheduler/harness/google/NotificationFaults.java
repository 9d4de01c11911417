package dev.scheduler.harness.google;

import java.time.Duration;

/**
 * Ways push notifications go wrong in production: Google says they are "not 100% reliable", may
 * arrive twice or out of order, and may arrive before the change is visible to events.list.
 */
public final class NotificationFaults {
  private int drops;
  private int duplicates;
  private boolean swapNextTwo;
  private Duration earlyBy;
  private boolean stoppedChannelsKeepFiring;

  NotificationFaults() {}

  /** The next n notifications are never sent (their message numbers are still used up). */
  public synchronized NotificationFaults dropNext(int n) {
    drops = n;
    return this;
  }

  /** Each of the next n notifications is sent twice with the same message number. */
  public synchronized NotificationFaults duplicateNext(int n) {
    duplicates = n;
    return this;
  }

  /** The next notification is held back and sent right after the one following it. */
  public synchronized NotificationFaults reorderNextTwo() {
    swapNextTwo = true;
    return this;
  }

  /**
   * The next change made through the test API notifies at once but becomes visible to the API only
   * after this delay.
   */
  public synchronized NotificationFaults deliverBeforeNextChange(Duration visibleAfter) {
    earlyBy = visibleAfter;
    return this;
  }

  /** channels.stop answers 204 but the channel keeps sending. */
  public synchronized NotificationFaults stoppedChannelsKeepFiring() {
    stoppedChannelsKeepFiring = true;
    return this;
  }

  synchronized boolean takeDrop() {
    return drops > 0 && drops-- > 0;
  }

  synchronized boolean takeDuplicate() {
    return duplicates > 0 && duplicates-- > 0;
  }

  synchronized boolean takeSwap() {
    boolean swap = swapNextTwo;
    swapNextTwo = false;
    return swap;
  }

  synchronized Duration takeEarlyDelivery() {
    Duration delay = earlyBy;
    earlyBy = null;
    return delay;
  }

  synchronized boolean stoppedChannelsFire() {
    return stoppedChannelsKeepFiring;
  }
}
