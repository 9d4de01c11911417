package dev.scheduler.node.readside;

import dev.scheduler.node.domain.analytics.BookingFact;
import dev.scheduler.node.domain.analytics.HostAnalyticsFigures;
import dev.scheduler.protocol.analytics.HostAnalytics;
import dev.scheduler.protocol.analytics.HostAnalyticsView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Host analytics from the booking-facts read side: the rows of one host whose meeting starts
 * within [from, to) (by the index on host and start), on a blocking thread, then the pure figures.
 * The range is bounded by the route, so the rows read are bounded by what one host can book in it.
 */
public final class HostAnalyticsQuery implements HostAnalytics {
  private static final String FACTS = "SELECT booking_id, start_at, booked_at, status, cancel_reason, reschedules"
      + " FROM read_side_booking_facts WHERE host_id = ? AND start_at >= ? AND start_at < ?";
  private static final String AS_OF = "SELECT last_event_at FROM read_side_analytics_hosts WHERE host_id = ?";

  /** Opens a connection of the node's shared pool; closing it gives it back. */
  @FunctionalInterface
  public interface Connections {
    Connection open() throws SQLException;
  }

  private final Connections database;
  private final Executor blocking;

  public HostAnalyticsQuery(Connections database, Executor blocking) {
    this.database = database;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<HostAnalyticsView> of(String hostId, ZoneId zone, Instant from, Instant to) {
    return CompletableFuture.supplyAsync(() -> read(hostId, zone, from, to), blocking);
  }

  private HostAnalyticsView read(String hostId, ZoneId zone, Instant from, Instant to) {
    try (Connection connection = database.open()) {
      // asOf first: a fact applied after it was read can only make the answer fresher than it says.
      Instant asOf = asOf(connection, hostId);
      return HostAnalyticsFigures.compute(hostId, zone, from, to, facts(connection, hostId, from, to), asOf);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  private static Instant asOf(Connection connection, String hostId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(AS_OF)) {
      select.setString(1, hostId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getObject(1, OffsetDateTime.class).toInstant() : null;
      }
    }
  }

  private static List<BookingFact> facts(Connection connection, String hostId, Instant from, Instant to)
      throws SQLException {
    List<BookingFact> facts = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(FACTS)) {
      select.setString(1, hostId);
      select.setObject(2, from.atOffset(ZoneOffset.UTC));
      select.setObject(3, to.atOffset(ZoneOffset.UTC));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          facts.add(new BookingFact(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
              rows.getObject(3, OffsetDateTime.class).toInstant(), "CANCELLED".equals(rows.getString(4)),
              rows.getString(5), rows.getInt(6)));
        }
      }
    }
    return facts;
  }
}
