package dev.scheduler.harness.report;

import dev.scheduler.harness.load.OutcomeKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Outcome counts keyed by label, always in one order (2xx, 409, 4xx, 503, 5xx, timeout, ...), so reports read alike. */
final class Outcomes {
  private Outcomes() {}

  static Map<String, Long> canonical(Map<String, Long> counts) {
    if (counts == null || counts.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (OutcomeKind kind : OutcomeKind.values()) {
      Long n = counts.get(kind.label());
      if (n != null) {
        ordered.put(kind.label(), n);
      }
    }
    new TreeMap<>(counts).forEach(ordered::putIfAbsent);
    return Collections.unmodifiableMap(ordered);
  }
}
