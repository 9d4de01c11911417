package dev.scheduler.harness.baseline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a unit of work as one short transaction and runs it again when PostgreSQL says it lost a
 * race: serialization failure (40001), deadlock (40P01), or OPTIMISTIC's {@link VersionConflict}.
 * Attempts are bounded; after the last one the request is answered 503, as the node answers when
 * it cannot tell the outcome, and the client may retry with the same Idempotency-Key.
 */
final class Transactions {
  static final String SERIALIZATION_FAILURE = "40001";
  static final String DEADLOCK = "40P01";

  private final int maxAttempts;
  private final BaselineStats stats;

  Transactions(int maxAttempts, BaselineStats stats) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.stats = stats;
  }

  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  /** OPTIMISTIC's lost race: the host's version moved between the read and the write. */
  static final class VersionConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VersionConflict() {
      super("the host's version changed", null, false, false);
    }
  }

  /** {@code work} inside BEGIN ... COMMIT; rolled back on any failure, retried on a lost race. */
  <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    return run(c, true, work);
  }

  /** {@code work} as autocommitted statements (one statement is its own transaction), retried likewise. */
  <T> T autocommit(Connection c, Work<T> work) throws SQLException {
    return run(c, false, work);
  }

  private <T> T run(Connection c, boolean transaction, Work<T> work) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        if (transaction) {
          c.setAutoCommit(false);
        }
        T result = work.run();
        if (transaction) {
          c.commit();
        }
        return result;
      } catch (SQLException e) {
        rollback(c, transaction, e);
        if (!countRetryable(e)) {
          throw e;
        }
      } catch (VersionConflict e) {
        rollback(c, transaction, e);
        stats.versionConflict();
      } catch (RuntimeException e) {
        rollback(c, transaction, e);
        throw e;
      } finally {
        if (transaction) {
          restoreAutoCommit(c);
        }
      }
      if (attempt >= maxAttempts) {
        stats.gaveUp();
        throw HttpRefusal.unavailable("The booking lost " + maxAttempts
            + " races in a row, so nothing was written. Retry; send the same Idempotency-Key.");
      }
      stats.retry();
      backOff(attempt);
    }
  }

  private boolean countRetryable(SQLException e) {
    String state = e.getSQLState();
    if (SERIALIZATION_FAILURE.equals(state)) {
      stats.serializationFailure();
      return true;
    }
    if (DEADLOCK.equals(state)) {
      stats.deadlock();
      return true;
    }
    return false;
  }

  private static void rollback(Connection c, boolean transaction, Exception cause) {
    if (!transaction) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** After a rollback this only flips the driver's flag; a broken connection is the pool's to find. */
  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // The pool validates connections that saw an SQLException before lending them again.
    }
  }

  /** A little jitter, growing with the attempts, so that racers do not collide again in lockstep. */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1 + Math.min(attempt, 10)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HttpRefusal.unavailable("Interrupted while retrying.");
    }
  }
}
