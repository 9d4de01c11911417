package dev.scheduler.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.domain.HostLimits;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetEventTypes;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.model.HostProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An entity started for a host that was never created asks its shard, once, to passivate it. */
class UnknownHostPassivationTest {
  private static final ActorTestKit TESTKIT = ActorTestKit.create(
      ConfigFactory.parseResources("serialization.conf")
          .withFallback(EventSourcedBehaviorTestKit.config())
          .resolve());
  private static final Instant NOW = Instant.parse("2027-03-01T13:00:00Z");

  private final TestProbe<ClusterSharding.ShardCommand> shard = TESTKIT.createTestProbe();
  private EventSourcedBehaviorTestKit<HostCalendarCommand, HostCalendarEvent, HostCalendarState> kit;

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(TESTKIT.system(), HostCalendarEntity.create(
        "host-1", new MutableClock(NOW), HostLimits.DEFAULTS, Optional.of(shard.ref())));
  }

  @Test
  void anUnknownHostIsAnswered404AndPassivatedOnce() {
    var first = kit.<StatusReply<EventTypeList>>runCommand(GetEventTypes::new);
    var second = kit.<StatusReply<HostProfile>>runCommand(r -> new GetHost(Access.anonymous(), r));

    assertThat(first.reply().isError()).isTrue();
    assertThat(first.reply().getError().getMessage()).startsWith("NOT_FOUND");
    assertThat(second.reply().isError()).isTrue();
    assertThat(shard.expectMessageClass(ClusterSharding.Passivate.class).entity()).isNotNull();
    shard.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aHostThatExistsIsNotPassivated() {
    var created = kit.<StatusReply<HostProfile>>runCommand(r -> new CreateHost(new HostProfile(
        "host-1", "Ann", "ann@example.com", ZoneOffset.UTC, "a".repeat(64), NOW), r));
    assertThat(created.reply().isSuccess()).isTrue();

    var eventTypes = kit.<StatusReply<EventTypeList>>runCommand(GetEventTypes::new);
    assertThat(eventTypes.reply().isSuccess()).isTrue();
    shard.expectNoMessage(Duration.ofMillis(200));
  }
}
