package dev.scheduler.harness.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.scheduler.harness.audit.ClientLedger.BookingCall;
import dev.scheduler.harness.audit.ClientLedger.CancelCall;
import dev.scheduler.harness.audit.ClientLedger.Outcome;
import dev.scheduler.harness.audit.ClientLedger.RescheduleCall;
import dev.scheduler.harness.audit.HistoryEvent.Cancelled;
import dev.scheduler.harness.audit.HistoryEvent.Confirmed;
import dev.scheduler.harness.audit.HistoryEvent.Rescheduled;
import dev.scheduler.harness.postgres.PostgresTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads a real node's journal: the rows in {@code journal/host-calendar-sample.tsv} were copied
 * out of a node's PostgreSQL {@code event_journal} (a host created, a booking made, rescheduled
 * and cancelled, a second booking of the freed slot, plus a sharding coordinator row), and are
 * loaded here into the schema from {@code deploy/sql}.
 */
class JournalHistorySourceTest {
  private static final String HOST = "yv5bhbwwzzevl4j3grfd";
  private static final String FIRST = "ybwnajr2ive5j6ns7gfv";
  private static final String SECOND = "fo3dzd5xuohacyzxbcae";
  private static final String MANIFEST = "dev.scheduler.protocol.calendar.HostCalendarEvent$";
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private static PostgresTestServer server;
  private static String url;

  @BeforeAll
  static void loadTheJournal() throws Exception {
    server = PostgresTestServer.shared();
    url = server.createDatabase("journal");
    try (Connection connection = server.connect(url); Statement statement = connection.createStatement()) {
      String ddl = Files.readString(Path.of("..", "deploy", "sql", "postgres-create-schema.sql"));
      for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
      List<String[]> rows = sample();
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_journal (persistence_id,"
          + " sequence_number, deleted, writer, write_timestamp, event_ser_id, event_ser_manifest, event_payload)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (String[] row : rows) {
          insertRow(insert, row[0], row, HexFormat.of().parseHex(row.length > 7 ? row[7] : ""));
          // the same host's events again under another host, gzipped as Pekko does when compression is on
          if (row[0].startsWith("HostCalendar|")) {
            insertRow(insert, "HostCalendar|zipped", row, gzip(HexFormat.of().parseHex(row[7])));
          }
        }
      }
    }
  }

  @Test
  void readsBookingsReschedulesAndCancellationsInOrder() throws Exception {
    Map<String, List<HistoryEvent>> history = source().onlyHosts(List.of(HOST)).readAll();

    assertThat(history).containsOnlyKeys(HOST);
    assertThat(history.get(HOST)).containsExactly(
        new Confirmed(HOST, FIRST, "k1", Instant.parse("2026-11-30T07:00:00Z"), Instant.parse("2026-11-30T07:30:00Z"),
            0, 10),
        new Rescheduled(HOST, FIRST, Instant.parse("2026-11-30T09:00:00Z"), Instant.parse("2026-11-30T09:30:00Z")),
        new Cancelled(HOST, FIRST),
        new Confirmed(HOST, SECOND, "k2", Instant.parse("2026-11-30T07:00:00Z"), Instant.parse("2026-11-30T07:30:00Z"),
            0, 10));
  }

  @Test
  void readsGzippedPayloadsAndEveryHostWhenNotTold() throws Exception {
    Map<String, List<HistoryEvent>> history = source().readAll();

    assertThat(history).containsOnlyKeys(HOST, "zipped");
    assertThat(history.get("zipped")).hasSize(4).allSatisfy(e -> assertThat(e.hostId()).isEqualTo("zipped"));
    assertThat(history.get("zipped").get(0).bookingId()).isEqualTo(FIRST);
  }

  @Test
  void theAuditorJudgesTheRealJournal() throws Exception {
    Instant t = Instant.parse("2026-11-24T08:06:13Z");
    ClientLedger ledger = new ClientLedger();
    ledger.addHost(HOST);
    ledger.record(new BookingCall(1, HOST, "k1", Instant.parse("2026-11-30T07:00:00Z"), Outcome.ACKNOWLEDGED, false,
        FIRST, "201", t, t));
    ledger.record(new RescheduleCall(2, HOST, FIRST, Instant.parse("2026-11-30T09:00:00Z"), Outcome.ACKNOWLEDGED,
        false, "200", t, t));
    ledger.record(new CancelCall(3, HOST, FIRST, Outcome.ACKNOWLEDGED, false, "200", t, t));
    ledger.record(new BookingCall(4, HOST, "k2", Instant.parse("2026-11-30T07:00:00Z"), Outcome.ACKNOWLEDGED, false,
        SECOND, "201", t, t));

    AuditResult clean = Auditor.audit(ledger, source().onlyHosts(ledger.hosts()));
    assertThat(clean.violations()).isEmpty();
    assertThat(clean.eventsRead()).isEqualTo(4);

    // told the second booking was for 09:00, the journal says 07:00
    ClientLedger misled = new ClientLedger();
    misled.addHost(HOST);
    misled.record(new BookingCall(4, HOST, "k2", Instant.parse("2026-11-30T09:00:00Z"), Outcome.ACKNOWLEDGED, false,
        SECOND, "201", t, t));
    assertThat(Auditor.audit(misled, source().onlyHosts(misled.hosts())).violations())
        .extracting(Violation::kind)
        .containsExactlyInAnyOrder(Violation.Kind.WRONG_FINAL_TIME, Violation.Kind.UNREQUESTED_BOOKING);
  }

  @Test
  void acceptsInstantsWrittenAsNumbers() throws IOException {
    ObjectNode event = CBOR.createObjectNode();
    event.put("bookingId", "b1");
    event.put("start", new BigDecimal("1803805200.000000000"));
    event.put("end", 1_803_807_000_000L);
    event.put("at", 1_803_807_000L);

    Optional<HistoryEvent> decoded = JournalHistorySource.decode("h", MANIFEST + "BookingRescheduled",
        CBOR.writeValueAsBytes(event));

    assertThat(decoded).contains(new Rescheduled("h", "b1", Instant.ofEpochSecond(1_803_805_200L),
        Instant.ofEpochSecond(1_803_807_000L)));
    assertThat(JournalHistorySource.instant(event, "at")).isEqualTo(Instant.ofEpochSecond(1_803_807_000L));
  }

  @Test
  void skipsOtherEventsAndFailsLoudlyOnABrokenBooking() throws IOException {
    assertThat(JournalHistorySource.decode("h", MANIFEST + "ScheduleSet", new byte[] {1, 2, 3})).isEmpty();
    assertThat(JournalHistorySource.decode("h", "SM", new byte[0])).isEmpty();
    byte[] noBooking = CBOR.writeValueAsBytes(Map.of("requestFingerprint", "x"));
    assertThatThrownBy(() -> JournalHistorySource.decode("h", MANIFEST + "BookingConfirmed", noBooking))
        .hasMessageContaining("booking");
  }

  private static JournalHistorySource source() {
    return new JournalHistorySource(url, server.user(), server.password());
  }

  private static void insertRow(PreparedStatement insert, String persistenceId, String[] row, byte[] payload)
      throws Exception {
    insert.setString(1, persistenceId);
    insert.setLong(2, Long.parseLong(row[1]));
    insert.setBoolean(3, row[2].equals("t"));
    insert.setString(4, row[3]);
    insert.setLong(5, Long.parseLong(row[4]));
    insert.setInt(6, Integer.parseInt(row[5]));
    insert.setString(7, row[6]);
    insert.setBytes(8, payload);
    insert.executeUpdate();
  }

  /** persistence_id, sequence_number, deleted, writer, write_timestamp, event_ser_id, manifest, payload hex. */
  private static List<String[]> sample() throws IOException {
    try (InputStream in = JournalHistorySourceTest.class.getResourceAsStream("/journal/host-calendar-sample.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
          .map(l -> l.split("\t", -1)).toList();
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }
}
