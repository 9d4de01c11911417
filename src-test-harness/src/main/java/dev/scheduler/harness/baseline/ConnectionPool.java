package dev.scheduler.harness.baseline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of JDBC connections, all opened up front at the strategy's isolation level (so no
 * request pays for a connection or a {@code SET}). A connection that saw an SQLException is checked
 * before it is lent again and replaced when broken. Small on purpose: HikariCP is not a dependency
 * of this module, and with the server's worker threads no more than the pool's size nobody waits.
 */
final class ConnectionPool implements AutoCloseable {
  private static final long BORROW_TIMEOUT_SECONDS = 30;

  /** A pool place: its connection, or null when it must be (re)opened. */
  private record Slot(Connection connection) {}

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final String url;
  private final String user;
  private final String password;
  private final String applicationName;
  private final int isolation;
  private final BlockingQueue<Slot> idle;
  private final List<Connection> all = new ArrayList<>();
  private volatile boolean closed;

  ConnectionPool(String url, String user, String password, String applicationName, int size, int isolation)
      throws SQLException {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be at least 1");
    }
    this.url = url;
    this.user = user;
    this.password = password;
    this.applicationName = applicationName;
    this.isolation = isolation;
    this.idle = new ArrayBlockingQueue<>(size);
    try {
      for (int i = 0; i < size; i++) {
        idle.add(new Slot(open()));
      }
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /** Runs {@code work} on a connection of its own, in autocommit mode unless the work changes that. */
  <T> T withConnection(SqlWork<T> work) throws SQLException {
    Connection c = borrow();
    boolean suspect = false;
    try {
      return work.run(c);
    } catch (SQLException e) {
      suspect = true;
      throw e;
    } finally {
      giveBack(c, suspect);
    }
  }

  private Connection borrow() throws SQLException {
    Slot slot;
    try {
      slot = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HttpRefusal.unavailable("Interrupted while waiting for a database connection.");
    }
    if (slot == null) {
      throw HttpRefusal.unavailable("No database connection came free in " + BORROW_TIMEOUT_SECONDS + " seconds.");
    }
    if (slot.connection() != null) {
      return slot.connection();
    }
    try {
      return open();
    } catch (SQLException | RuntimeException e) {
      idle.add(new Slot(null));
      throw e;
    }
  }

  private void giveBack(Connection c, boolean suspect) {
    boolean healthy = !closed && isHealthy(c, suspect);
    if (!healthy) {
      synchronized (all) {
        all.remove(c);
      }
      closeQuietly(c);
    }
    idle.add(new Slot(healthy ? c : null));
  }

  private static boolean isHealthy(Connection c, boolean suspect) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      return !suspect || c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection open() throws SQLException {
    Connection c = Jdbc.connect(url, user, password, applicationName);
    try {
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(true);
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    synchronized (all) {
      all.add(c);
    }
    return c;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (all) {
      all.forEach(ConnectionPool::closeQuietly);
      all.clear();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Closing anyway.
    }
  }
}
