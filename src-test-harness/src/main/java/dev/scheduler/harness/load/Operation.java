package dev.scheduler.harness.load;

import java.util.Locale;

/** The kinds of request the load makes; each has its own latency histograms and outcome counts. */
public enum Operation {
  BOOK, SLOTS, CANCEL, RESCHEDULE;

  /** Lower case, as in reports: "book", "slots", "cancel", "reschedule". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Operation fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
