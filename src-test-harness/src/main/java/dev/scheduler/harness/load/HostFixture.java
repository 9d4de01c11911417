package dev.scheduler.harness.load;

import java.time.Instant;
import java.util.List;

/** A host a scenario created, with its API token and the slot starts it listed at setup (ascending). */
public record HostFixture(String hostId, String apiToken, List<Instant> slots) {

  public HostFixture {
    slots = List.copyOf(slots);
  }
}
