package dev.scheduler.harness.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One second of a run: requests sent in it and completed in it, and per operation the details. */
public record SecondReport(int second, long sent, long completed, Map<String, SecondOperation> operations) {

  public SecondReport {
    operations = operations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(operations));
  }
}
