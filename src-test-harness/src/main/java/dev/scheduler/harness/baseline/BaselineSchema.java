package dev.scheduler.harness.baseline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Drops and creates one strategy's schema. Bookings carry their blocked span as a {@code tstzrange}
 * (the meeting widened by its buffers); the confirmed bookings have an index that both the overlap
 * check and the slot listing read: for EXCLUSION the exclusion constraint's own GiST index, for
 * FOR_UPDATE and OPTIMISTIC a GiST index on (host, blocked span), for SERIALIZABLE a btree index on
 * the host only ({@link #overlapIndex} says why). There are no foreign keys: hosts are never deleted,
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
    String overlap = overlapIndex(strategy);
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

  /**
   * The index over confirmed bookings that the overlap check reads.
   *
   * <p>SERIALIZABLE's check is only as good as the SIREAD locks PostgreSQL's SSI takes for it, and a
   * GiST index's are not good enough (seen on PostgreSQL 15.18): a GiST search locks the pages it
   * visits, an insert checks for conflicts on the pages it modifies, and it modifies a parent page
   * only when it must widen the parent's key. When some other insert widened that key after a check
   * passed the parent by (a booking of another host at the same time, or a racer that was rolled
   * back), the next booking of the slot goes into a leaf the check never visited without touching
   * the parent, SSI never connects the two, and both commit: the hotspot load's double bookings.
   * A btree on the host has no such gap: the check locks the leaf pages of the host's key range (and
   * every booking of the host it reads), and any new booking of the host goes into that range. So
   * SERIALIZABLE stays plain "check, insert, retry on 40001", on an index SSI handles; the price is
   * that its check reads all of the host's confirmed bookings, not only those near the slot.
   * {@code BaselineSerializableRaceTest} holds both the interleaving and the load's pattern.
   */
  static String overlapIndex(Strategy strategy) {
    String s = strategy.schema();
    return switch (strategy) {
      case EXCLUSION -> "ALTER TABLE " + s + ".bookings ADD CONSTRAINT " + BookingSql.NO_OVERLAP_CONSTRAINT
          + " EXCLUDE USING gist (host_id WITH =, blocked WITH &&) WHERE (status = 'confirmed')";
      case SERIALIZABLE -> "CREATE INDEX bookings_host ON " + s + ".bookings (host_id) WHERE status = 'confirmed'";
      case FOR_UPDATE, OPTIMISTIC -> "CREATE INDEX bookings_blocked ON " + s + ".bookings USING gist (host_id, blocked)"
          + " WHERE status = 'confirmed'";
    };
  }
}
