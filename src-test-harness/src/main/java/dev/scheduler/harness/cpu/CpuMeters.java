package dev.scheduler.harness.cpu;

import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The CPU meters of the systems the harness measures: what each counts, in one place. */
public final class CpuMeters {
  /** The JDK HTTP server's single dispatcher thread (accepts and reads requests, hands them to the workers). */
  public static final String JDK_HTTP_DISPATCHER = "HTTP-Dispatcher";

  private CpuMeters() {}

  /**
   * A cluster: part "nodes", each node process from {@code /proc} when its pid is given or found
   * listening on a loopback URL's port ({@link ListeningProcess}), else from the node's
   * {@code /metrics}; and part "database" when {@code journalUrl} is PostgreSQL (see
   * {@link #database}).
   *
   * @param pids the node processes' pids (any order, all on this machine); empty to look them up
   * @param journalUrl the journal's JDBC URL, or null when not known (then no database part)
   */
  public static CpuMeter cluster(List<URI> nodes, List<Long> pids, String journalUrl, String user, String password) {
    ClockTicks ticks = ClockTicks.system();
    List<CpuCounter> counters = new ArrayList<>();
    if (pids.isEmpty()) {
      for (URI node : nodes) {
        counters.add(ListeningProcess.of(node)
            .<CpuCounter>map(pid -> new ProcessCpu("node " + node + " (listening on its port)", pid, ticks))
            .orElseGet(() -> new NodeMetricsCpu(node)));
      }
    } else {
      pids.forEach(pid -> counters.add(new ProcessCpu("node", pid, ticks)));
    }
    List<CpuMeter.Part> parts = new ArrayList<>();
    parts.add(CpuMeter.Part.of("nodes", counters));
    database(journalUrl, user, password).ifPresent(parts::add);
    return new CpuMeter(parts);
  }

  /**
   * A baseline served inside this JVM ({@link dev.scheduler.harness.baseline.BaselineServer}): part
   * "server", its worker threads ({@code threadPrefix}*) and the JDK HTTP server's dispatcher
   * thread; and part "database".
   */
  public static CpuMeter inProcessServer(String threadPrefix, String dbUrl, String user, String password) {
    List<CpuMeter.Part> parts = new ArrayList<>();
    parts.add(CpuMeter.Part.of("server", List.of(new ThreadCpu("threads " + threadPrefix + "* and "
        + JDK_HTTP_DISPATCHER + " of the harness's JVM (ThreadMXBean; its GC and JIT threads not counted)",
        name -> name.startsWith(threadPrefix) || name.equals(JDK_HTTP_DISPATCHER)))));
    database(dbUrl, user, password).ifPresent(parts::add);
    return new CpuMeter(parts);
  }

  /**
   * Part "database": the PostgreSQL server behind {@code jdbcUrl} (postmaster and all its children)
   * when it runs on this machine; unavailable, with the reason, when it does not; empty when the URL
   * is not PostgreSQL's (an embedded H2 journal's CPU is in the node's own).
   */
  public static Optional<CpuMeter.Part> database(String jdbcUrl, String user, String password) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(PostgresServerCpu.discover(jdbcUrl, user, password, ClockTicks.system())
          .<CpuMeter.Part>map(pg -> CpuMeter.Part.of("database", List.of(pg)))
          .orElseGet(() -> CpuMeter.Part.unavailable("database",
              "the PostgreSQL backend is not visible in this machine's /proc (another host or pid namespace)")));
    } catch (SQLException e) {
      return Optional.of(CpuMeter.Part.unavailable("database", "could not ask PostgreSQL its pid: " + e.getMessage()));
    }
  }

  /** Pids from {@code --node-pids}: "4242,4243"; empty for none. */
  public static List<Long> parsePids(String pids) {
    if (pids == null || pids.isBlank()) {
      return List.of();
    }
    List<Long> parsed = new ArrayList<>();
    for (String pid : pids.split(",")) {
      if (!pid.isBlank()) {
        parsed.add(Long.parseLong(pid.trim()));
      }
    }
    return parsed;
  }
}
