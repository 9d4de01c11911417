package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.domain.HostCalendarEvolution;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.EventTypeSaved;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Events and snapshots already in journals still replay: the bytes under
 * {@code journal-before-booking-rules/} were written by an earlier version (event types with
 * {@code int bookingWindowDays}, no cutoff, reschedules without buffers) and are read here with
 * the node's serialization settings, as recovery reads them.
 */
class JournalCompatibilityTest {
  private static final ActorTestKit TESTKIT =
      ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").resolve());
  private static final Serialization SERIALIZATION = SerializationExtension.get(TESTKIT.system());
  private static final int JACKSON_CBOR = 33;
  private static final String EVENTS = "dev.scheduler.protocol.calendar.HostCalendarEvent$";
  private static final String STATE = "dev.scheduler.protocol.calendar.HostCalendarState";
  /** The event type in the fixtures, as this version reads it. */
  private static final EventType INTRO =
      new EventType("intro", "Intro call", 30, 15, 5, 10, 120, BookingWindow.rolling(21), 2, 0);

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @Test
  void anOldEventTypeHasARollingWindowOfItsDaysAndNoChangeCutoff() throws IOException {
    EventTypeSaved saved = read("EventTypeSaved", EVENTS + "EventTypeSaved");

    assertThat(saved.eventType()).isEqualTo(INTRO);
    assertThat(saved.at()).isEqualTo(Instant.parse("2027-01-04T14:00:00Z"));
  }

  @Test
  void anOldSnapshotKeepsItsEventTypesAndBookings() throws IOException {
    HostCalendarState snapshot = read("HostCalendarState", STATE);

    assertThat(snapshot.eventTypes()).containsOnlyKeys("intro").containsEntry("intro", INTRO);
    assertThat(snapshot.bookings().get("b-1").start()).isEqualTo(Instant.parse("2027-01-05T15:00:00Z"));
  }

  @Test
  void anOldRescheduleKeepsTheBuffersTheBookingHad() throws IOException {
    HostCalendarState snapshot = read("HostCalendarState", STATE);
    BookingRescheduled moved = read("BookingRescheduled", EVENTS + "BookingRescheduled");

    assertThat(moved.bufferBeforeMinutes()).isNull();
    assertThat(moved.bufferAfterMinutes()).isNull();
    Booking booking = HostCalendarEvolution.evolve(snapshot, moved).bookings().get("b-1");
    assertThat(booking.start()).isEqualTo(Instant.parse("2027-01-05T16:00:00Z"));
    assertThat(booking.end()).isEqualTo(Instant.parse("2027-01-05T16:30:00Z"));
    assertThat(booking.bufferBeforeMinutes()).isEqualTo(5);
    assertThat(booking.bufferAfterMinutes()).isEqualTo(10);
  }

  /** An older node's reply or command holds event types alone or in lists, shapes the fixtures lack. */
  @Test
  void oldEventTypesAloneOrInAListAreReadToo() throws IOException {
    CBORMapper cbor = new CBORMapper();
    JsonNode oldIntro = cbor.readTree(fixture("EventTypeSaved")).get("eventType");
    ObjectNode oldList = cbor.createObjectNode();
    oldList.putArray("eventTypes").add(oldIntro);

    assertThat(SERIALIZATION.deserialize(cbor.writeValueAsBytes(oldIntro), JACKSON_CBOR,
        "dev.scheduler.protocol.model.EventType").get()).isEqualTo(INTRO);
    assertThat(SERIALIZATION.deserialize(cbor.writeValueAsBytes(oldList), JACKSON_CBOR,
        "dev.scheduler.protocol.calendar.HostCalendarReplies$EventTypeList").get())
        .isEqualTo(new EventTypeList(java.util.List.of(INTRO)));
  }

  @Test
  void newEventTypesAreWrittenAsVersionTwoAndReadBack() {
    EventTypeSaved saved = new EventTypeSaved(INTRO.withBookingWindow(BookingWindow.dateRange(
        LocalDate.parse("2027-01-04"), LocalDate.parse("2027-01-29"))).withInviteeChangeCutoffMinutes(1440),
        Instant.parse("2027-01-04T14:00:00Z"));
    byte[] bytes = SERIALIZATION.serialize(saved).get();
    String manifest = Serializers.manifestFor(SERIALIZATION.findSerializerFor(saved), saved);

    assertThat(manifest).isEqualTo(EVENTS + "EventTypeSaved#2");
    assertThat(SERIALIZATION.deserialize(bytes, JACKSON_CBOR, manifest).get()).isEqualTo(saved);
  }

  /** Why serialization.conf registers EventTypeMigration: without it the old bytes do not read. */
  @Test
  void withoutTheMigrationAnOldEventTypeWouldNotRead() throws IOException {
    ActorTestKit bare = ActorTestKit.create(ConfigFactory.parseResources("serialization.conf")
        .withoutPath("pekko.serialization.jackson.migrations").resolve());
    try {
      byte[] old = fixture("EventTypeSaved");
      assertThatThrownBy(() -> SerializationExtension.get(bare.system())
          .deserialize(old, JACKSON_CBOR, EVENTS + "EventTypeSaved").get())
          .hasMessageContaining("bookingWindow");
    } finally {
      bare.shutdownTestKit();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T read(String fixture, String manifest) throws IOException {
    return (T) SERIALIZATION.deserialize(fixture(fixture), JACKSON_CBOR, manifest).get();
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = JournalCompatibilityTest.class.getResourceAsStream(
        "/journal-before-booking-rules/" + name + ".cbor")) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
