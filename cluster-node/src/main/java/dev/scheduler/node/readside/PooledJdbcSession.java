package dev.scheduler.node.readside;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;
import slick.jdbc.JdbcDataSource;

/**
 * One transaction of a projection on a connection borrowed from the node's shared pool (the one
 * the journal uses), so read models and offsets live in the journal's database with no second
 * pool to size. Closing gives the connection back.
 */
final class PooledJdbcSession implements JdbcSession {
  private final Connection connection;

  PooledJdbcSession(JdbcDataSource pool) {
    try {
      this.connection = pool.createConnection();
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("No connection from the shared pool for the read side: " + e.getMessage(), e);
    }
  }

  @Override
  public <R> R withConnection(Function<Connection, R> work) throws Exception {
    return work.apply(connection);
  }

  @Override
  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void rollback() throws SQLException {
    connection.rollback();
  }

  // The pool expects connections back in autocommit, as the journal uses them.
  @Override
  public void close() throws SQLException {
    try {
      connection.setAutoCommit(true);
    } finally {
      connection.close();
    }
  }
}
