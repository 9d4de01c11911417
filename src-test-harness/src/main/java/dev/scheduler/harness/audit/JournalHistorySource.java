package dev.scheduler.harness.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The cluster's booking history, read straight from pekko-persistence-jdbc's {@code event_journal}
 * with plain JDBC (no Pekko, no protocol classes): the auditor must not trust the code it judges.
 * Host calendars are the persistence ids {@code HostCalendar|<hostId>}; their payloads are the
 * Jackson CBOR that Pekko's {@code jackson-cbor} serializer wrote (gzipped only when compression
 * is configured, which this reader detects by the gzip magic bytes), read here as a plain tree.
 * Instants are ISO-8601 strings in the node's journal; numbers (epoch seconds with a fraction, or
 * epoch milliseconds) are accepted too.
 *
 * <p>Rows marked {@code deleted} are read as well: a logically deleted event still happened.
 */
public final class JournalHistorySource implements BookingHistorySource {
  public static final String PERSISTENCE_ID_PREFIX = "HostCalendar|";
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
  private static final String EVENT_PREFIX = "dev.scheduler.protocol.calendar.HostCalendarEvent$";

  private final String url;
  private final String user;
  private final String password;
  private final Set<String> onlyHosts;

  public JournalHistorySource(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, null);
  }

  private JournalHistorySource(String jdbcUrl, String user, String password, Set<String> onlyHosts) {
    this.url = jdbcUrl;
    this.user = user;
    this.password = password;
    this.onlyHosts = onlyHosts;
  }

  /** The same journal, read only for these hosts (a load run's), which saves reading everyone's. */
  public JournalHistorySource onlyHosts(Collection<String> hostIds) {
    return new JournalHistorySource(url, user, password, Set.copyOf(hostIds));
  }

  @Override
  public Map<String, List<HistoryEvent>> readAll() throws SQLException, IOException {
    Map<String, List<HistoryEvent>> byHost = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      // PostgreSQL streams a result set only outside auto-commit.
      connection.setAutoCommit(false);
      if (onlyHosts != null) {
        List<String> ids = onlyHosts.stream().map(h -> PERSISTENCE_ID_PREFIX + h).sorted().toList();
        for (int from = 0; from < ids.size(); from += 500) {
          List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
          String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
          try (PreparedStatement query = connection.prepareStatement(select("persistence_id IN (" + placeholders + ")"))) {
            for (int i = 0; i < chunk.size(); i++) {
              query.setString(i + 1, chunk.get(i));
            }
            read(query, byHost);
          }
        }
      } else {
        try (PreparedStatement query = connection.prepareStatement(select("persistence_id LIKE ?"))) {
          query.setString(1, PERSISTENCE_ID_PREFIX + "%");
          read(query, byHost);
        }
      }
      connection.rollback();
    }
    return byHost;
  }

  private static String select(String where) {
    return "SELECT persistence_id, sequence_number, event_ser_manifest, event_payload FROM event_journal WHERE "
        + where + " ORDER BY persistence_id, sequence_number";
  }

  private static void read(PreparedStatement query, Map<String, List<HistoryEvent>> byHost)
      throws SQLException, IOException {
    query.setFetchSize(1000);
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String persistenceId = rows.getString(1);
        String hostId = persistenceId.substring(PERSISTENCE_ID_PREFIX.length());
        long sequenceNumber = rows.getLong(2);
        Optional<HistoryEvent> event;
        try {
          event = decode(hostId, rows.getString(3), rows.getBytes(4));
        } catch (IOException | RuntimeException e) {
          throw new IOException("cannot decode " + persistenceId + " #" + sequenceNumber + ": " + e.getMessage(), e);
        }
        event.ifPresent(e -> byHost.computeIfAbsent(hostId, k -> new ArrayList<>()).add(e));
      }
    }
  }

  /**
   * One journal row as a history event; empty for the host calendar's other events (host,
   * schedule, event types, connections, calendar writes).
   */
  public static Optional<HistoryEvent> decode(String hostId, String manifest, byte[] payload) throws IOException {
    String type = manifest;
    int version = type.indexOf('#');
    if (version >= 0) {
      type = type.substring(0, version);
    }
    if (!type.startsWith(EVENT_PREFIX)) {
      return Optional.empty();
    }
    switch (type.substring(EVENT_PREFIX.length())) {
      case "BookingConfirmed" -> {
        JsonNode booking = required(tree(payload), "booking");
        return Optional.of(new HistoryEvent.Confirmed(hostId, text(booking, "id"),
            booking.path("idempotencyKey").isTextual() ? booking.get("idempotencyKey").asText() : null,
            instant(booking, "start"), instant(booking, "end"),
            booking.path("bufferBeforeMinutes").asInt(0), booking.path("bufferAfterMinutes").asInt(0)));
      }
      case "BookingRescheduled" -> {
        JsonNode event = tree(payload);
        return Optional.of(new HistoryEvent.Rescheduled(hostId, text(event, "bookingId"),
            instant(event, "start"), instant(event, "end")));
      }
      case "BookingCancelled" -> {
        return Optional.of(new HistoryEvent.Cancelled(hostId, text(tree(payload), "bookingId")));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static JsonNode tree(byte[] payload) throws IOException {
    InputStream in = new ByteArrayInputStream(payload);
    if (payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b) {
      in = new GZIPInputStream(in);
    }
    try (InputStream stream = in) {
      return CBOR.readTree(stream);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("no '" + field + "' in " + node);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  static Instant instant(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (value.isTextual()) {
      return Instant.parse(value.asText());
    }
    if (value.isIntegralNumber()) {
      long n = value.asLong();
      // Jackson writes epoch milliseconds when nanosecond timestamps are off, else decimal seconds.
      return Math.abs(n) > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }
    if (value.isNumber()) {
      BigDecimal seconds = value.decimalValue();
      long whole = seconds.longValue();
      int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
      return Instant.ofEpochSecond(whole, nanos);
    }
    throw new IllegalArgumentException("'" + field + "' is not an instant: " + value);
  }
}
