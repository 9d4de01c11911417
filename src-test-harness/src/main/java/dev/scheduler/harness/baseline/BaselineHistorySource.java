package dev.scheduler.harness.baseline;

import dev.scheduler.harness.audit.BookingHistorySource;
import dev.scheduler.harness.audit.HistoryEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A baseline's history table as the auditor reads it: per host, its booking events in {@code seq}
 * order. The history row of a change is written by the change's own statement, after the row
 * it describes passed its overlap check, so a change that depends on another's commit always
 * has the higher {@code seq}.
 */
public final class BaselineHistorySource implements BookingHistorySource {
  private static final int FETCH_SIZE = 10_000;

  private final Strategy strategy;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  public BaselineHistorySource(Strategy strategy, String jdbcUrl, String user, String password) {
    this.strategy = strategy;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  @Override
  public Map<String, List<HistoryEvent>> readAll() throws SQLException {
    String query = "SELECT host_id, booking_id, kind, idempotency_key, start_at, end_at, buffer_before_minutes,"
        + " buffer_after_minutes FROM " + strategy.schema() + ".booking_history ORDER BY seq";
    Map<String, List<HistoryEvent>> byHost = new LinkedHashMap<>();
    try (Connection c = Jdbc.connect(jdbcUrl, user, password, "baseline-history")) {
      c.setAutoCommit(false); // so that the driver streams with a cursor instead of holding every row
      try (PreparedStatement ps = c.prepareStatement(query)) {
        ps.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            HistoryEvent event = event(rs);
            byHost.computeIfAbsent(event.hostId(), h -> new ArrayList<>()).add(event);
          }
        }
      } finally {
        c.rollback();
      }
    }
    return byHost;
  }

  private static HistoryEvent event(ResultSet rs) throws SQLException {
    String hostId = rs.getString(1);
    String bookingId = rs.getString(2);
    String kind = rs.getString(3);
    Instant start = BookingSql.instant(rs, 5);
    Instant end = BookingSql.instant(rs, 6);
    return switch (kind) {
      case "confirmed" -> new HistoryEvent.Confirmed(hostId, bookingId, rs.getString(4), start, end,
          rs.getInt(7), rs.getInt(8));
      case "rescheduled" -> new HistoryEvent.Rescheduled(hostId, bookingId, start, end);
      case "cancelled" -> new HistoryEvent.Cancelled(hostId, bookingId);
      default -> throw new IllegalStateException("unknown history kind '" + kind + "'");
    };
  }
}
