package dev.scheduler.node.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.scheduler.node.SchedulerNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts real nodes inside the test JVM: real HTTP, real cluster, real journal. */
public final class TestNodes {
  public static final String ADMIN_TOKEN = "test-admin-token";
  public static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private TestNodes() {}

  /** A node of its own on an H2 file in {@code dataDir}. */
  public static SchedulerNode embedded(Path dataDir, Clock clock) {
    return embedded(dataDir, clock, Map.of());
  }

  /** As {@link #embedded(Path, Clock)}, with some settings overridden. */
  public static SchedulerNode embedded(Path dataDir, Clock clock, Map<String, Object> overrides) {
    return SchedulerNode.start(config(dataDir, null, 0, List.of(), overrides), clock);
  }

  /** A node on PostgreSQL, joining the given seeds (none: it founds the cluster). */
  public static SchedulerNode postgres(
      Path dataDir, PostgresDatabase db, int remotePort, List<Integer> seedPorts, Clock clock) {
    List<String> seeds = seedPorts.stream().map(p -> "127.0.0.1:" + p).toList();
    return SchedulerNode.start(config(dataDir, db, remotePort, seeds), clock);
  }

  public record PostgresDatabase(String url, String user, String password) {}

  /** The configuration of a test node, with some settings overridden. */
  public static Config config(Path dataDir, PostgresDatabase db, int remotePort, List<String> seeds,
      Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides).withFallback(config(dataDir, db, remotePort, seeds)).resolve();
  }

  static Config config(Path dataDir, PostgresDatabase db, int remotePort, List<String> seeds) {
    Map<String, Object> values = new HashMap<>();
    values.put("scheduler.data-dir", dataDir.toString());
    values.put("scheduler.http.port", 0);
    values.put("scheduler.admin-token", ADMIN_TOKEN);
    values.put("scheduler.secret-key", SECRET_KEY);
    values.put("scheduler.seed-nodes", String.join(",", seeds));
    values.put("scheduler.database.url", db == null ? "" : db.url());
    values.put("scheduler.database.user", db == null ? "" : db.user());
    values.put("scheduler.database.password", db == null ? "" : db.password());
    values.put("pekko.remote.artery.canonical.port", remotePort);
    // Several nodes share this JVM: none may exit it, and each registers its own MBean.
    values.put("pekko.coordinated-shutdown.exit-jvm", "off");
    values.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    values.put("pekko.cluster.split-brain-resolver.stable-after", "3s");
    // Every client of a test node is the test on 127.0.0.1, which plays many users at once (500
    // concurrent bookings in ClusterRaceTest): the per-address cap (64) is proved by SlowHeadersTest.
    values.put("scheduler.http.max-connections-per-client", 2048);
    // For the same reason, requests waiting per host: ClusterRaceTest's 500 bookings of one slot
    // are meant to reach the entity. The per-host limit (64) is proved by HostIsolationTest.
    values.put("scheduler.http.max-waiting-per-host", 511);
    return ConfigFactory.parseMap(values)
        .withValue("pekko.loglevel", ConfigValueFactory.fromAnyRef("INFO"))
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }
}
