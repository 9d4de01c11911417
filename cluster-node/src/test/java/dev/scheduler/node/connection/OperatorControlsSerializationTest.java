package dev.scheduler.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.domain.CalendarConnectionEvolution;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RetryCalendarWrite;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRetried;
import dev.scheduler.protocol.connection.ConnectionCommand.PauseSync;
import dev.scheduler.protocol.connection.ConnectionCommand.ResumeSync;
import dev.scheduler.protocol.connection.ConnectionEvent;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncPaused;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncResumed;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionStatus;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import dev.scheduler.protocol.model.Invitee;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The operator controls' commands, events and the paused state go through the node's serializer
 * (Jackson CBOR, as {@code serialization.conf} binds it) and come back equal, as the journal,
 * snapshots and remoting need; with Java serialization refused, as in the node.
 */
class OperatorControlsSerializationTest {
  private static final ActorTestKit TESTKIT = ActorTestKit.create(ConfigFactory.parseString(
          "pekko.actor.allow-java-serialization = off")
      .withFallback(ConfigFactory.parseResources("serialization.conf")).resolve());
  private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(TESTKIT.system());
  private static final Instant AT = Instant.parse("2027-03-01T13:00:00Z");

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @Test
  void pauseAndResumeCommandsEventsAndThePausedStateRoundTrip() {
    TestProbe<StatusReply<dev.scheduler.protocol.connection.ConnectionView>> probe = TESTKIT.createTestProbe();
    SERIALIZATION.verifySerialization(new PauseSync(probe.ref()), true);
    SERIALIZATION.verifySerialization(new ResumeSync(probe.ref()), true);
    SERIALIZATION.verifySerialization(new SyncPaused(AT), true);
    SERIALIZATION.verifySerialization(new SyncResumed(AT), true);
    ConnectionState paused = CalendarConnectionEvolution.evolve(CalendarConnectionEvolution.evolve(null,
        new ConnectionEvent.Connected("c1", "h1", ProviderKind.ICS, "https://x/f.ics", ZoneId.of("UTC"), null, null,
            null, AT)), new SyncPaused(AT));
    assertThat(paused.status()).isEqualTo(ConnectionStatus.PAUSED);
    SERIALIZATION.verifySerialization(paused, true);
  }

  @Test
  void theRetryCommandAndItsEventRoundTrip() {
    TestProbe<StatusReply<Booking>> probe = TESTKIT.createTestProbe();
    SERIALIZATION.verifySerialization(new RetryCalendarWrite(Access.asAdmin(), "b1", probe.ref()), true);
    Booking booking = new Booking("b1", "intro", AT, AT.plusSeconds(1800), 0, 0,
        new Invitee("Bo", "bo@example.com", ZoneId.of("Europe/Paris")), null, BookingStatus.CONFIRMED, null, null, AT,
        null);
    SERIALIZATION.verifySerialization(new CalendarWriteRetried(booking, new CalendarWriteIntent("c1", 2), AT), true);
  }
}
