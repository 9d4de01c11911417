package dev.scheduler.node.persistence.lease;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code shard_leases} rows in PostgreSQL, on one connection of the lease keeper's own (not
 * the journal's pool: a pool saturated by bookings must not starve the renewals). Every expiry is
 * computed by the database's clock, so the nodes' clocks never have to agree. Not thread-safe: the
 * keeper calls it from its one thread.
 */
final class LeaseTable implements AutoCloseable {
  private static final String ACQUIRE = """
      INSERT INTO shard_leases AS l (name, owner, expires_at)
      VALUES (?, ?, clock_timestamp() + make_interval(secs => ?))
      ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
      WHERE l.owner = EXCLUDED.owner OR l.expires_at < clock_timestamp()
        OR split_part(l.owner, '#', 1) = split_part(EXCLUDED.owner, '#', 1)
      RETURNING owner""";
  private static final String RENEW = """
      UPDATE shard_leases SET expires_at = clock_timestamp() + make_interval(secs => ?)
      WHERE owner = ? AND name = ANY(?) RETURNING name""";
  private static final String RELEASE = "DELETE FROM shard_leases WHERE name = ? AND owner = ?";

  private final String url;
  private final Properties login;
  private Connection connection;

  /** Statements give up after {@code operationTimeout}: a stalled database must not stall the keeper. */
  LeaseTable(String url, String user, String password, Duration operationTimeout) {
    this.url = url;
    this.login = new Properties();
    login.setProperty("user", user);
    login.setProperty("password", password);
    String seconds = Long.toString(Math.max(1, operationTimeout.toSeconds()));
    login.setProperty("connectTimeout", seconds);
    login.setProperty("socketTimeout", seconds);
    login.setProperty("loginTimeout", seconds);
    login.setProperty("ApplicationName", "scheduler-shard-leases");
  }

  /**
   * True when the row is now this owner's: free, expired, its own already, or left by an earlier
   * incarnation at this owner's address ({@code host:port#uid}). That incarnation is dead: this one
   * holds its port. Pekko's cluster makes the same inference when a node rejoins at an address.
   */
  boolean tryAcquire(String name, String owner, Duration ttl) throws SQLException {
    return run(() -> {
      try (PreparedStatement statement = connection().prepareStatement(ACQUIRE)) {
        statement.setString(1, name);
        statement.setString(2, owner);
        statement.setDouble(3, seconds(ttl));
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next();
        }
      }
    });
  }

  /** Pushes the expiry of the owner's rows among {@code names}; answers the names still its own. */
  Set<String> renew(Collection<String> names, String owner, Duration ttl) throws SQLException {
    return run(() -> {
      Connection db = connection();
      Array nameArray = db.createArrayOf("varchar", names.toArray());
      try (PreparedStatement statement = db.prepareStatement(RENEW)) {
        statement.setDouble(1, seconds(ttl));
        statement.setString(2, owner);
        statement.setArray(3, nameArray);
        Set<String> renewed = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            renewed.add(rows.getString(1));
          }
        }
        return renewed;
      } finally {
        nameArray.free();
      }
    });
  }

  void release(String name, String owner) throws SQLException {
    run(() -> {
      try (PreparedStatement statement = connection().prepareStatement(RELEASE)) {
        statement.setString(1, name);
        statement.setString(2, owner);
        return statement.executeUpdate();
      }
    });
  }

  @Override
  public void close() {
    dropConnection();
  }

  private interface Statement<T> {
    T run() throws SQLException;
  }

  // A failed statement drops the connection: the next call opens a fresh one (PostgreSQL restarted).
  private <T> T run(Statement<T> statement) throws SQLException {
    try {
      return statement.run();
    } catch (SQLException e) {
      dropConnection();
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = DriverManager.getConnection(url, login);
      connection.setAutoCommit(true);
    }
    return connection;
  }

  private void dropConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Already broken: nothing more to release.
      }
      connection = null;
    }
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
