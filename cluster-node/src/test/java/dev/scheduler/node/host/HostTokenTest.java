package dev.scheduler.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceHostToken;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.model.HostProfile;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A replaced host token is an event: the old token stays refused after the entity recovers. */
class HostTokenTest {
  private static final ActorTestKit TESTKIT = ActorTestKit.create(
      ConfigFactory.parseResources("serialization.conf").withFallback(EventSourcedBehaviorTestKit.config()).resolve());
  private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
  private static final String OLD = "1".repeat(64);
  private static final String NEW = "2".repeat(64);

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @Test
  void theOldTokenIsRefusedAfterAReplacementAndAfterRecovery() {
    EventSourcedBehaviorTestKit<HostCalendarCommand, HostCalendarEvent, HostCalendarState> kit =
        EventSourcedBehaviorTestKit.create(TESTKIT.system(), HostCalendarEntity.create("host-1", new MutableClock(NOW)));
    kit.<StatusReply<HostProfile>>runCommand(
        r -> new CreateHost(new HostProfile("host-1", "Ann", "a@b.c", ZoneId.of("UTC"), OLD, NOW), r));

    var replaced = kit.<StatusReply<HostProfile>>runCommand(r -> new ReplaceHostToken(Access.hostToken(OLD), NEW, r));
    assertThat(replaced.event()).isEqualTo(new HostCalendarEvent.HostTokenReplaced(NEW, NOW));
    assertThat(replaced.reply().getValue().apiTokenHash()).isEqualTo(NEW);

    kit.restart();
    assertThat(kit.<StatusReply<HostProfile>>runCommand(r -> new GetHost(Access.hostToken(OLD), r)).reply().isError())
        .isTrue();
    assertThat(kit.<StatusReply<HostProfile>>runCommand(r -> new GetHost(Access.hostToken(NEW), r)).reply().isSuccess())
        .isTrue();
  }
}
