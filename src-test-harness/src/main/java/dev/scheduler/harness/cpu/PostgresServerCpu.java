package dev.scheduler.harness.cpu;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL server's CPU time from {@code /proc}: the postmaster's own and its reaped children's
 * ({@code utime + stime + cutime + cstime}) plus every live child's own ({@code utime + stime}).
 * Backends and background workers are the postmaster's children; one that exits during the window
 * moves from the live children into the postmaster's {@code cutime/cstime} once reaped, so the sum
 * loses nothing. It counts the whole server, every database and client on it, not only the system
 * under test's sessions.
 */
public final class PostgresServerCpu implements CpuCounter {
  private final Path proc;
  private final long postmasterPid;
  private final ClockTicks ticks;

  PostgresServerCpu(Path proc, long postmasterPid, ClockTicks ticks) {
    this.proc = proc;
    this.postmasterPid = postmasterPid;
    this.ticks = ticks;
  }

  public PostgresServerCpu(long postmasterPid, ClockTicks ticks) {
    this(Path.of("/proc"), postmasterPid, ticks);
  }

  /**
   * Finds the server behind {@code jdbcUrl} on this machine: a session's backend pid
   * ({@code pg_backend_pid()}), its parent in {@code /proc} is the postmaster. Empty when the
   * backend is not visible here (another machine, a container with its own pid namespace) or its
   * process is not PostgreSQL's.
   */
  public static Optional<PostgresServerCpu> discover(String jdbcUrl, String user, String password,
      ClockTicks ticks) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password == null ? "" : password);
    props.setProperty("ApplicationName", "harness-cpu-meter");
    long backend;
    try (Connection c = DriverManager.getConnection(jdbcUrl, props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      backend = rs.getLong(1);
    }
    return postmasterOf(Path.of("/proc"), backend).map(pid -> new PostgresServerCpu(pid, ticks));
  }

  /** The postmaster of backend {@code backendPid}, when both are PostgreSQL processes visible in {@code proc}. */
  static Optional<Long> postmasterOf(Path proc, long backendPid) {
    Optional<ProcStatLine> backend = ProcStatLine.read(proc, backendPid).filter(PostgresServerCpu::isPostgres);
    if (backend.isEmpty()) {
      return Optional.empty();
    }
    return ProcStatLine.read(proc, backend.get().ppid()).filter(PostgresServerCpu::isPostgres)
        .map(ProcStatLine::pid);
  }

  private static boolean isPostgres(ProcStatLine line) {
    return line.comm().startsWith("postgres") || line.comm().startsWith("postmaster");
  }

  public long postmasterPid() {
    return postmasterPid;
  }

  @Override
  public String describe() {
    return "PostgreSQL postmaster pid " + postmasterPid
        + " and all its child processes (backends, background workers; /proc, exited children via cutime+cstime)";
  }

  @Override
  public long cpuNanos() throws IOException {
    ProcStatLine postmaster = ProcStatLine.read(proc, postmasterPid)
        .orElseThrow(() -> new IOException("PostgreSQL postmaster " + postmasterPid + " is gone"));
    long total = postmaster.withReapedChildrenTicks();
    for (ProcStatLine child : children()) {
      total += child.ownTicks();
    }
    return ticks.toNanos(total);
  }

  private List<ProcStatLine> children() throws IOException {
    List<ProcStatLine> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
      for (Path entry : entries) {
        ProcStatLine.read(proc, Long.parseLong(entry.getFileName().toString()))
            .filter(line -> line.ppid() == postmasterPid)
            .ifPresent(children::add);
      }
    }
    return children;
  }

  private static boolean isPid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
