package dev.scheduler.harness.baseline;

import java.sql.Connection;
import java.util.Locale;

/**
 * The classic ways to keep a PostgreSQL-backed calendar free of double bookings. Each runs in its
 * own schema ({@link #schema()}), so baselines can share one database without touching each other.
 */
public enum Strategy {
  /** An exclusion constraint over the blocked {@code tstzrange} (btree_gist); the insert is the check. */
  EXCLUSION(Connection.TRANSACTION_READ_COMMITTED),
  /** {@code SELECT ... FOR UPDATE} on the host row, then check for overlap and insert (READ COMMITTED). */
  FOR_UPDATE(Connection.TRANSACTION_READ_COMMITTED),
  /** Check then insert in SERIALIZABLE transactions, retried on serialization failure. */
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE),
  /** A version column on the host, bumped with {@code WHERE version = ?}; a lost race rolls back and retries. */
  OPTIMISTIC(Connection.TRANSACTION_READ_COMMITTED);

  private final int isolation;

  Strategy(int isolation) {
    this.isolation = isolation;
  }

  /** The schema holding this strategy's tables, such as {@code baseline_for_update}. */
  public String schema() {
    return "baseline_" + name().toLowerCase(Locale.ROOT);
  }

  /** The name on the command line and in reports: {@code exclusion}, {@code for-update}, ... */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Accepts {@code for-update}, {@code for_update}, {@code FOR_UPDATE}, ... */
  public static Strategy parse(String text) {
    String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return valueOf(normalised);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown strategy '" + text
          + "'; expected exclusion, for-update, serializable or optimistic", e);
    }
  }

  /** The isolation level every connection of this strategy's pool runs at. */
  int isolation() {
    return isolation;
  }

  WriteStrategy create(BookingSql sql, Transactions transactions, BaselineStats stats) {
    return switch (this) {
      case EXCLUSION -> new ExclusionStrategy(sql, transactions, stats);
      case FOR_UPDATE -> CheckThenInsertStrategy.forUpdate(sql, transactions, stats);
      case SERIALIZABLE -> CheckThenInsertStrategy.serializable(sql, transactions, stats);
      case OPTIMISTIC -> CheckThenInsertStrategy.optimistic(sql, transactions, stats);
    };
  }
}
