package dev.scheduler.harness.load;

import java.util.Locale;

/** What the load looks like. Each creates its own hosts first, then runs. */
public enum Scenario {
  /** Bookings spread uniformly over many hosts and their slots. */
  SPREAD(2000),
  /** Many clients racing for the first few slots of a few hosts. */
  HOTSPOT(5),
  /** 90 % slot listings (a random host, {@code days} days), 10 % bookings and cancellations. */
  MIXED(200),
  /** Book, reschedule, cancel cycles. */
  CHURN(100),
  /** Slot listings only (a random host, {@code days} days): the listing's own cost, as issue 13 measures it. */
  SLOTS(200);

  private final int defaultHosts;

  Scenario(int defaultHosts) {
    this.defaultHosts = defaultHosts;
  }

  public int defaultHosts() {
    return defaultHosts;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Scenario fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
