package dev.scheduler.harness.cli;

import dev.scheduler.harness.chaos.ClusterControl;
import dev.scheduler.harness.chaos.Fault;
import dev.scheduler.harness.chaos.KillNode;
import dev.scheduler.harness.chaos.PartitionNode;
import dev.scheduler.harness.chaos.PauseNode;
import dev.scheduler.harness.chaos.RestartDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The faults of one {@code harness chaos} run, in the order (kill, PostgreSQL, pause,
 * partition), as {@code Faults.standard} plans them but with the hold chosen on the command line
 * and only those asked for; each one left out is listed with the reason, for the report.
 */
record ChaosPlan(List<Fault> faults, List<String> skipped) {
  /** The names {@code --faults} takes, in the order they run. */
  static final List<String> KINDS = List.of("kill", "pg", "pause", "partition");
  /** How long a heal may take to bring the cluster back together. */
  static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

  ChaosPlan {
    faults = List.copyOf(faults);
    skipped = List.copyOf(skipped);
  }

  /** "kill,pause" to its kinds; "all" is every one. Throws on a name it does not know. */
  static Set<String> parseKinds(String csv) {
    Set<String> kinds = new LinkedHashSet<>();
    for (String part : csv.split(",")) {
      String kind = part.trim().toLowerCase(Locale.ROOT);
      if (kind.isEmpty()) {
        continue;
      }
      if (kind.equals("all")) {
        kinds.addAll(KINDS);
      } else if (KINDS.contains(kind)) {
        kinds.add(kind);
      } else {
        throw new IllegalArgumentException(
            "unknown fault '" + part.trim() + "': choose from " + String.join(",", KINDS));
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("no fault asked for: choose from " + String.join(",", KINDS));
    }
    return kinds;
  }

  /**
   * @param victim the node the node faults hit, an index (0 for node1)
   * @param hold how long a node stays dead, frozen or cut off (PostgreSQL restarts at once)
   */
  static ChaosPlan of(ClusterControl cluster, Set<String> wanted, int victim, Duration hold) {
    List<Fault> faults = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String node = Fault.label(victim);
    if (wanted.contains("kill")) {
      faults.add(new KillNode(victim, hold, SETTLE_TIMEOUT));
    } else {
      skipped.add("kill -9 " + node + ": not asked for (--faults)");
    }
    if (!wanted.contains("pg")) {
      skipped.add("restart PostgreSQL: not asked for (--faults)");
    } else {
      cluster.databaseRestartUnavailable().ifPresentOrElse(
          reason -> skipped.add("restart PostgreSQL: not run, " + reason),
          () -> faults.add(new RestartDatabase(Duration.ZERO, SETTLE_TIMEOUT)));
    }
    if (wanted.contains("pause")) {
      faults.add(new PauseNode(victim, hold, SETTLE_TIMEOUT));
    } else {
      skipped.add("pause " + node + ": not asked for (--faults)");
    }
    if (!wanted.contains("partition")) {
      skipped.add("partition " + node + ": not asked for (--faults)");
    } else {
      cluster.partitionUnavailable().ifPresentOrElse(
          reason -> skipped.add("partition " + node + ": not run, " + reason),
          () -> faults.add(new PartitionNode(victim, hold, SETTLE_TIMEOUT)));
    }
    return new ChaosPlan(faults, skipped);
  }
}
