package dev.scheduler.harness.report;

import java.time.Instant;
import java.util.List;

/**
 * A load-test report: one or more systems' runs side by side (the cluster and the baselines of a
 * comparison, or a single run). Written as {@code result.json}; everything else in the report
 * directory is rendered from it.
 */
public record Report(int version, String title, Instant createdAt, List<SystemReport> systems) {
  public static final int VERSION = 1;

  public Report {
    systems = systems == null ? List.of() : List.copyOf(systems);
  }

  public static Report of(String title, List<SystemReport> systems) {
    return new Report(VERSION, title, Instant.now(), systems);
  }
}
