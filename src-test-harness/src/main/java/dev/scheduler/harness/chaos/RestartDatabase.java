package dev.scheduler.harness.chaos;

import java.time.Duration;

/**
 * Restarts PostgreSQL (fast shutdown: every session is cut). With a downtime the database stays
 * stopped that long before it starts again; without one it is an immediate restart.
 */
public final class RestartDatabase implements Fault {
  private final Duration downtime;
  private final Duration settleTimeout;

  public RestartDatabase(Duration downtime, Duration settleTimeout) {
    this.downtime = downtime;
    this.settleTimeout = settleTimeout;
  }

  /** An immediate restart, as the issue asks. */
  public RestartDatabase() {
    this(Duration.ZERO, Duration.ofSeconds(120));
  }

  @Override
  public String name() {
    return downtime.isZero() ? "restart PostgreSQL"
        : "stop PostgreSQL for " + downtime.toSeconds() + " s";
  }

  @Override
  public Duration hold() {
    return downtime;
  }

  @Override
  public void inject(ClusterControl cluster) {
    cluster.databaseRestartUnavailable().ifPresent(reason -> {
      throw new UnsupportedOperationException(reason);
    });
    if (downtime.isZero()) {
      cluster.restartDatabase();
    } else {
      cluster.stopDatabase();
    }
  }

  @Override
  public String heal(ClusterControl cluster) {
    if (!downtime.isZero()) {
      cluster.startDatabase();
    }
    Duration whole = ClusterHealth.awaitConverged(cluster, settleTimeout);
    return String.format("every node ready again %.1f s after PostgreSQL was back", whole.toMillis() / 1000.0);
  }
}
