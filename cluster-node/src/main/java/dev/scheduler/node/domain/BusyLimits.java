package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.HashSet;
import java.util.Set;

/**
 * The caps on a host's busy time: sources (those set through the API and calendar connections
 * together) and intervals per source.
 */
final class BusyLimits {
  private BusyLimits() {}

  static Decision<Void> intervalsFit(int intervals, HostLimits limits) {
    if (intervals > limits.busyIntervalsPerSource()) {
      return Decision.reject(RejectionCode.LIMIT_EXCEEDED, "A source of busy time holds at most "
          + limits.busyIntervalsPerSource() + " intervals, not " + intervals + ".");
    }
    return Decision.pass();
  }

  /** True when {@code sourceId} already counts as one of the host's sources. */
  static boolean isSource(HostCalendarState state, String sourceId) {
    return state.busyBySource().containsKey(sourceId) || state.connections().containsKey(sourceId);
  }

  static Decision<Void> newSourceFits(HostCalendarState state, HostLimits limits) {
    Set<String> sources = new HashSet<>(state.busyBySource().keySet());
    sources.addAll(state.connections().keySet());
    if (sources.size() >= limits.busySourcesPerHost()) {
      return Decision.reject(RejectionCode.LIMIT_EXCEEDED, "A host has at most " + limits.busySourcesPerHost()
          + " sources of busy time (busy sources and connected calendars together); clear one with an empty list "
          + "or disconnect a calendar first.");
    }
    return Decision.pass();
  }
}
