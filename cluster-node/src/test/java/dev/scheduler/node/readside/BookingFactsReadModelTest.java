package dev.scheduler.node.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.persistence.SchemaInitializer;
import dev.scheduler.protocol.analytics.HostAnalyticsView;
import dev.scheduler.protocol.analytics.HostAnalyticsView.Counts;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.HostTokenReplaced;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.Invitee;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The booking-facts handler applied event by event on the node's schema (H2 and PostgreSQL): each event once by
 * the host's sequence number, whatever comes twice or late, and the query reads back what it wrote.
 */
class BookingFactsReadModelTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant BOOKED = Instant.parse("2027-03-01T13:00:00Z");
  private static final Instant FROM = Instant.parse("2027-03-01T05:00:00Z");
  private static final Instant TO = Instant.parse("2027-03-15T04:00:00Z");

  @TempDir Path dataDir;
  private DatabaseSettings db;
  private final BookingFactsReadModel handler = new BookingFactsReadModel();

  enum Database { H2, POSTGRES }

  private void schema(Database kind) {
    db = kind == Database.H2
        ? new DatabaseSettings(DatabaseSettings.Kind.H2,
            "jdbc:h2:file:" + dataDir.resolve("scheduler") + ";DATABASE_TO_UPPER=false", "sa", "")
        : new DatabaseSettings(DatabaseSettings.Kind.POSTGRES,
            PostgresTestServer.shared().createDatabase("facts"), PostgresTestServer.shared().user(),
            PostgresTestServer.shared().password());
    SchemaInitializer.ensureSchema(db);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void eachEventCountsOnceByTheHostsSequenceNumber(Database kind) throws Exception {
    schema(kind);
    apply("h1", 4, confirmed("b1", "2027-03-02T14:00:00Z"));
    apply("h1", 4, confirmed("b1", "2027-03-02T14:00:00Z"));
    apply("h1", 5, moved("b1", "2027-03-03T14:00:00Z"));
    apply("h1", 5, moved("b1", "2027-03-03T14:00:00Z"));
    apply("h1", 6, confirmed("b2", "2027-03-09T15:00:00Z"));
    apply("h1", 7, new BookingCancelled("b2", "Sick", BOOKED, null));
    apply("h1", 3, moved("b1", "2027-03-04T14:00:00Z")); // older than what was applied: ignored
    apply("h2", 1, confirmed("b3", "2027-03-02T14:00:00Z"));

    HostAnalyticsView view = query("h1");
    assertThat(view.bookings()).isEqualTo(new Counts(1, 1, 1));
    assertThat(view.byWeekday().get(2).count()).as("b1 on Wednesday 03-03").isEqualTo(1);
    assertThat(view.cancellationReasons()).containsExactly(new HostAnalyticsView.ReasonCount("Sick", 1));
    assertThat(view.leadTimeMinutes().median()).isEqualTo(2 * 24 * 60 + 60);
    assertThat(view.asOf()).isEqualTo(writtenAt(7));
    assertThat(query("h2").bookings()).isEqualTo(new Counts(1, 0, 0));
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void anyEventOfTheHostMovesAsOfAndAChangeWithoutItsConfirmationIsSkipped(Database kind) throws Exception {
    schema(kind);
    assertThat(query("h1").asOf()).isNull();
    apply("h1", 1, new HostTokenReplaced("hash", BOOKED));
    assertThat(query("h1").asOf()).isEqualTo(writtenAt(1));
    apply("h1", 2, new BookingCancelled("unseen", "before tagging", BOOKED, null));
    apply("h1", 3, moved("unseen", "2027-03-03T14:00:00Z"));
    HostAnalyticsView view = query("h1");
    assertThat(view.bookings()).isEqualTo(new Counts(0, 0, 0));
    assertThat(view.asOf()).isEqualTo(writtenAt(3));
  }

  private void apply(String hostId, long sequenceNr, HostCalendarEvent event) throws SQLException {
    try (Connection connection = open()) {
      connection.setAutoCommit(false);
      handler.handle(connection, new HostEvent(hostId, sequenceNr, writtenAt(sequenceNr), event));
      connection.commit();
    }
  }

  private HostAnalyticsView query(String hostId) {
    return new HostAnalyticsQuery(this::open, Runnable::run).of(hostId, NEW_YORK, FROM, TO)
        .toCompletableFuture().join();
  }

  private Connection open() throws SQLException {
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }

  private static Instant writtenAt(long sequenceNr) {
    return BOOKED.plusSeconds(sequenceNr);
  }

  private static BookingConfirmed confirmed(String id, String start) {
    Instant at = Instant.parse(start);
    return new BookingConfirmed(new Booking(id, "intro", at, at.plusSeconds(1800), 0, 0,
        new Invitee("Bo", "bo@example.com", ZoneId.of("Europe/Paris")), null, BookingStatus.CONFIRMED, null, null,
        BOOKED, null), "fingerprint", null);
  }

  private static BookingRescheduled moved(String id, String start) {
    Instant at = Instant.parse(start);
    return new BookingRescheduled(id, at, at.plusSeconds(1800), BOOKED, null, 0, 0);
  }
}
