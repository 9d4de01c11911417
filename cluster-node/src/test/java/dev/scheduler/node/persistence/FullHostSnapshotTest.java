package dev.scheduler.node.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.domain.HostLimits;
import dev.scheduler.node.testkit.FullHost;
import dev.scheduler.protocol.calendar.HostCalendarState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot of a host full to the default limits, written as the snapshot store writes it
 * (Jackson CBOR): its size with usual texts and with every text as long as the API allows, and
 * that it reads back equal. The figures printed go into docs/security.md.
 */
class FullHostSnapshotTest {
  private static final ActorTestKit TESTKIT =
      ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").resolve());
  private static final Serialization SERIALIZATION = SerializationExtension.get(TESTKIT.system());
  private static final int MIB = 1024 * 1024;

  @AfterAll
  static void stop() {
    TESTKIT.shutdownTestKit();
  }

  @Test
  void aFullHostsSnapshotIsUnderFiveMibWithUsualTextsAndUnderFifteenWithTheLongest() {
    int usual = sizeOf(FullHost.state(HostLimits.DEFAULTS, false));
    int longest = sizeOf(FullHost.state(HostLimits.DEFAULTS, true));
    System.out.printf("Full host snapshot: %.1f MiB with usual texts, %.1f MiB with the longest%n",
        usual / (double) MIB, longest / (double) MIB);
    assertThat(usual).isLessThan(5 * MIB);
    assertThat(longest).isLessThan(15 * MIB);
  }

  private static int sizeOf(HostCalendarState state) {
    long started = System.nanoTime();
    byte[] bytes = SERIALIZATION.serialize(state).get();
    long written = System.nanoTime();
    String manifest = Serializers.manifestFor(SERIALIZATION.findSerializerFor(state), state);
    Object read = SERIALIZATION.deserialize(bytes, 33, manifest).get();
    System.out.printf("Full host snapshot: %d bytes, written in %d ms, read in %d ms%n", bytes.length,
        (written - started) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
    assertThat(read).isEqualTo(state);
    return bytes.length;
  }
}
