package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.domain.HostCalendarStates;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.EventTypeSaved;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Events and snapshots already in journals still replay: the bytes under
 * {@code journal-before-booking-rules/} were written by an earlier version and are read here with
 * the node's serialization settings, as recovery reads them.
 */
class JournalCompatibilityTest {
  private static final ActorTestKit TESTKIT =
      ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").resolve());
  private static final Serialization SERIALIZATION = SerializationExtension.get(TESTKIT.system());
  private static final int JACKSON_CBOR = 33;
  private static final String EVENTS = "dev.scheduler.protocol.calendar.HostCalendarEvent$";

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @Test
  void anOldEventTypeHasNoChangeCutoff() throws IOException {
    EventTypeSaved saved = read("EventTypeSaved", EVENTS + "EventTypeSaved");

    EventType type = saved.eventType();
    assertThat(type.inviteeChangeCutoffMinutes()).isZero();
    assertThat(type.bookingWindowDays()).isEqualTo(21);
    assertThat(type.maxBookingsPerDay()).isEqualTo(2);
    assertThat(saved.at()).isEqualTo(Instant.parse("2027-01-04T14:00:00Z"));
  }

  @Test
  void anOldRescheduleKeepsTheBuffersTheBookingHad() throws IOException {
    HostCalendarState snapshot = read("HostCalendarState", "dev.scheduler.protocol.calendar.HostCalendarState");
    BookingRescheduled moved = read("BookingRescheduled", EVENTS + "BookingRescheduled");

    assertThat(moved.bufferBeforeMinutes()).isNull();
    assertThat(moved.bufferAfterMinutes()).isNull();
    Booking booking = HostCalendarStates.apply(snapshot, moved).bookings().get("b-1");
    assertThat(booking.start()).isEqualTo(Instant.parse("2027-01-05T16:00:00Z"));
    assertThat(booking.end()).isEqualTo(Instant.parse("2027-01-05T16:30:00Z"));
    assertThat(booking.bufferBeforeMinutes()).isEqualTo(5);
    assertThat(booking.bufferAfterMinutes()).isEqualTo(10);
  }

  @SuppressWarnings("unchecked")
  private static <T> T read(String fixture, String manifest) throws IOException {
    try (InputStream in = JournalCompatibilityTest.class.getResourceAsStream(
        "/journal-before-booking-rules/" + fixture + ".cbor")) {
      assertThat(in).as(fixture).isNotNull();
      return (T) SERIALIZATION.deserialize(in.readAllBytes(), JACKSON_CBOR, manifest).get();
    }
  }
}
