package dev.scheduler.harness.baseline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Drops and creates one strategy's schema. Bookings carry their blocked span as a {@code tstzrange}
 * (the meeting widened by its buffers); every strategy has a GiST index on (host, blocked span) of
 * confirmed bookings, which is what both the overlap check and the slot listing read. For EXCLUSION
 * that index is the exclusion constraint's own. There are no foreign keys: hosts are never deleted,
 * every write reads its host first, and a foreign key's {@code KEY SHARE} lock on the host row would
 * put multixacts under exactly the contention being measured.
 */
final class BaselineSchema {
  /** Serialises concurrent resets of different strategies around CREATE EXTENSION. */
  private static final long RESET_LOCK = 0x6261_7365_6c69_6e65L;

  private BaselineSchema() {}

  static void reset(Connection c, Strategy strategy) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + RESET_LOCK + ")");
      s.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
      for (String ddl : ddl(strategy)) {
        s.execute(ddl);
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  static List<String> ddl(Strategy strategy) {
    String s = strategy.schema();
    String overlap = strategy == Strategy.EXCLUSION
        ? "ALTER TABLE " + s + ".bookings ADD CONSTRAINT " + BookingSql.NO_OVERLAP_CONSTRAINT
            + " EXCLUDE USING gist (host_id WITH =, blocked WITH &&) WHERE (status = 'confirmed')"
        : "CREATE INDEX bookings_blocked ON " + s + ".bookings USING gist (host_id, blocked)"
            + " WHERE status = 'confirmed'";
    return List.of(
        "DROP SCHEMA IF EXISTS " + s + " CASCADE",
        "CREATE SCHEMA " + s,
        "CREATE TABLE " + s + ".hosts ("
            + " id text PRIMARY KEY,"
            + " name text NOT NULL,"
            + " email text NOT NULL,"
            + " time_zone text NOT NULL,"
            + " token_hash text NOT NULL,"
            + " schedule text,"
            + " version bigint NOT NULL DEFAULT 0,"
            + " created_at timestamptz NOT NULL)",
        "CREATE TABLE " + s + ".event_types ("
            + " host_id text NOT NULL,"
            + " slug text NOT NULL,"
            + " title text NOT NULL,"
            + " duration_minutes int NOT NULL,"
            + " slot_interval_minutes int NOT NULL,"
            + " buffer_before_minutes int NOT NULL,"
            + " buffer_after_minutes int NOT NULL,"
            + " minimum_notice_minutes int NOT NULL,"
            + " booking_window_days int NOT NULL,"
            + " PRIMARY KEY (host_id, slug))",
        "CREATE TABLE " + s + ".bookings ("
            + " id text PRIMARY KEY,"
            + " host_id text NOT NULL,"
            + " event_type text NOT NULL,"
            + " start_at timestamptz NOT NULL,"
            + " end_at timestamptz NOT NULL,"
            + " buffer_before_minutes int NOT NULL,"
            + " buffer_after_minutes int NOT NULL,"
            + " blocked tstzrange NOT NULL,"
            + " status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),"
            + " invitee_name text NOT NULL,"
            + " invitee_email text NOT NULL,"
            + " invitee_time_zone text NOT NULL,"
            + " notes text,"
            + " cancel_reason text,"
            + " idempotency_key text,"
            + " request_hash text NOT NULL,"
            + " booking_token text NOT NULL,"
            + " created_at timestamptz NOT NULL,"
            + " CONSTRAINT " + BookingSql.IDEMPOTENCY_CONSTRAINT + " UNIQUE (host_id, idempotency_key))",
        overlap,
        "CREATE TABLE " + s + ".booking_history ("
            + " seq bigserial PRIMARY KEY,"
            + " host_id text NOT NULL,"
            + " booking_id text NOT NULL,"
            + " kind text NOT NULL CHECK (kind IN ('confirmed', 'rescheduled', 'cancelled')),"
            + " idempotency_key text,"
            + " start_at timestamptz NOT NULL,"
            + " end_at timestamptz NOT NULL,"
            + " buffer_before_minutes int NOT NULL,"
            + " buffer_after_minutes int NOT NULL,"
            + " recorded_at timestamptz NOT NULL DEFAULT now())");
  }
}
