package dev.scheduler.node.persistence.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.node.config.DatabaseSettings;
import dev.scheduler.node.persistence.SchemaInitializer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shard leases on a real PostgreSQL, with two keepers standing for two nodes: one holder at a time,
 * renewals keep it, a silent holder's row expires, a stolen or unrenewable row is reported lost.
 */
class LeaseKeeperTest {
  private static final Duration TTL = Duration.ofMillis(1500);
  private static final Duration RENEW = Duration.ofMillis(500);
  private static final Duration STARTING_GRACE = Duration.ofMillis(1500);

  private PostgresTestServer server;
  private String url;
  private final List<LeaseKeeper> keepers = new ArrayList<>();

  @BeforeEach
  void database() {
    server = PostgresTestServer.shared();
    url = server.createDatabase("leases");
    SchemaInitializer.ensureSchema(new DatabaseSettings(DatabaseSettings.Kind.POSTGRES, url, server.user(),
        server.password()));
  }

  @AfterEach
  void stopKeepers() {
    keepers.forEach(LeaseKeeper::shutdown);
  }

  @Test
  void oneHolderAtATimeAndRenewalsKeepTheRowBeyondItsTtl() throws Exception {
    LeaseKeeper nodeA = keeper(server, url, "a");
    LeaseKeeper nodeB = keeper(server, url, "b");

    assertThat(acquire(nodeA, "shard-1", lost -> { })).isTrue();
    assertThat(acquire(nodeB, "shard-1", lost -> { })).isFalse();
    assertThat(acquire(nodeA, "shard-1", lost -> { })).as("its own row again").isTrue();

    Thread.sleep(TTL.multipliedBy(2).toMillis());
    assertThat(nodeA.holds("shard-1")).isTrue();
    assertThat(acquire(nodeB, "shard-1", lost -> { })).as("renewed past its first expiry").isFalse();

    release(nodeA, "shard-1");
    assertThat(nodeA.holds("shard-1")).isFalse();
    assertThat(acquire(nodeB, "shard-1", lost -> { })).as("released rows are free at once").isTrue();
  }

  @Test
  void aSilentHoldersRowExpiresAndOnlyThenGoesToAnother() throws Exception {
    LeaseKeeper crashed = keeper(server, url, "crashed");
    LeaseKeeper survivor = keeper(server, url, "survivor");
    assertThat(acquire(crashed, "shard-2", lost -> { })).isTrue();

    crashed.shutdown();
    long stopped = System.nanoTime();
    assertThat(acquire(survivor, "shard-2", lost -> { })).as("not expired yet").isFalse();
    while (!acquire(survivor, "shard-2", lost -> { })) {
      assertThat(elapsed(stopped)).as("taken over within the TTL and a margin").isLessThan(TTL.plusSeconds(2));
      Thread.sleep(100);
    }
    assertThat(elapsed(stopped)).as("not before its last renewal expired")
        .isGreaterThan(TTL.minus(RENEW).minusMillis(100));
  }

  @Test
  void aRowTakenByAnotherOwnerIsReportedLost() throws Exception {
    LeaseKeeper holder = keeper(server, url, "holder");
    CompletableFuture<Optional<Throwable>> lost = new CompletableFuture<>();
    assertThat(acquire(holder, "shard-3", lost::complete)).isTrue();

    execute(server, url, "UPDATE shard_leases SET owner = 'intruder' WHERE name = 'shard-3'");

    assertThat(lost.get(5, TimeUnit.SECONDS)).get().extracting(Throwable::getMessage).asString()
        .contains("shard-3", "another node");
    assertThat(holder.holds("shard-3")).isFalse();
  }

  @Test
  void aHolderThatCannotRenewGivesTheLeaseUpBeforeTheRowExpires() throws Exception {
    try (PostgresTestServer own = PostgresTestServer.start()) {
      String ownUrl = own.createDatabase("leases");
      SchemaInitializer.ensureSchema(new DatabaseSettings(DatabaseSettings.Kind.POSTGRES, ownUrl, own.user(),
          own.password()));
      LeaseKeeper holder = keeper(own, ownUrl, "cut-off");
      CompletableFuture<Instant> lostAt = new CompletableFuture<>();
      assertThat(acquire(holder, "shard-4", reason -> lostAt.complete(Instant.now()))).isTrue();
      Thread.sleep(RENEW.multipliedBy(3).toMillis());
      assertThat(lostAt).as("renewed while the database is up").isNotDone();

      Instant cut = Instant.now();
      own.stopServer();
      Instant lost = lostAt.get(10, TimeUnit.SECONDS);
      assertThat(holder.holds("shard-4")).isFalse();

      own.startServer();
      // The database and this test share the machine's clock: the holder gave up before the row
      // it last renewed expired, so no other node could have taken it while the shard still ran.
      Instant rowExpires = expiry(own, ownUrl, "shard-4");
      assertThat(lost).isAfter(cut).isBefore(rowExpires);
    }
  }

  @Test
  void aLeaseWhoseShardStoppedHereIsReleasedForTheNextNode() throws Exception {
    Set<String> running = ConcurrentHashMap.newKeySet();
    LeaseKeeper handingOver = keeper(server, url, "handing-over", names -> CompletableFuture.completedFuture(Set.copyOf(running)));
    LeaseKeeper takingOver = keeper(server, url, "taking-over");
    CompletableFuture<Optional<Throwable>> stopped = new CompletableFuture<>();

    assertThat(acquire(handingOver, "shard-5", stopped::complete)).isTrue();
    Thread.sleep(STARTING_GRACE.minus(RENEW).toMillis());
    assertThat(handingOver.holds("shard-5")).as("a shard still starting is not listed yet").isTrue();
    running.add("shard-5");
    Thread.sleep(STARTING_GRACE.multipliedBy(2).toMillis());
    assertThat(handingOver.holds("shard-5")).as("listed by its region").isTrue();
    assertThat(acquire(takingOver, "shard-5", lost -> { })).isFalse();

    running.remove("shard-5");
    assertThat(stopped.get(5, TimeUnit.SECONDS)).get().extracting(Throwable::getMessage).asString()
        .contains("no longer runs");
    long released = System.nanoTime();
    while (!acquire(takingOver, "shard-5", lost -> { })) {
      assertThat(elapsed(released)).as("the row was deleted, not left to expire").isLessThan(TTL);
      Thread.sleep(50);
    }
  }

  @Test
  void aRestartedNodeTakesTheRowsOfItsDeadIncarnationAtOnce() throws Exception {
    LeaseKeeper killed = keeper(server, url, "scheduler@10.0.0.1:25520#111");
    assertThat(acquire(killed, "shard-7", lost -> { })).isTrue();
    killed.shutdown();

    LeaseKeeper otherNode = keeper(server, url, "scheduler@10.0.0.2:25520#222");
    LeaseKeeper restarted = keeper(server, url, "scheduler@10.0.0.1:25520#333");
    assertThat(acquire(otherNode, "shard-7", lost -> { })).as("another address waits for the expiry").isFalse();
    assertThat(acquire(restarted, "shard-7", lost -> { })).as("same address, new incarnation").isTrue();
  }

  private LeaseKeeper keeper(PostgresTestServer db, String jdbcUrl, String owner) {
    return keeper(db, jdbcUrl, owner, HostedShards.ALL);
  }

  private LeaseKeeper keeper(PostgresTestServer db, String jdbcUrl, String owner, HostedShards hosted) {
    LeaseKeeper keeper = new LeaseKeeper(new LeaseTable(jdbcUrl, db.user(), db.password(), Duration.ofSeconds(1)),
        hosted, owner, TTL, RENEW, STARTING_GRACE);
    keepers.add(keeper);
    return keeper;
  }

  private static boolean acquire(LeaseKeeper keeper, String name, Consumer<Optional<Throwable>> onLost)
      throws Exception {
    return keeper.acquire(name, onLost).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static void release(LeaseKeeper keeper, String name) throws Exception {
    keeper.release(name).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Duration elapsed(long sinceNanos) {
    return Duration.ofNanos(System.nanoTime() - sinceNanos);
  }

  private static Instant expiry(PostgresTestServer db, String jdbcUrl, String name) throws Exception {
    try (Connection connection = db.connect(jdbcUrl); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT expires_at FROM shard_leases WHERE name = '" + name + "'")) {
      assertThat(row.next()).isTrue();
      return row.getTimestamp(1).toInstant();
    }
  }

  private static void execute(PostgresTestServer db, String jdbcUrl, String sql) throws Exception {
    try (Connection connection = db.connect(jdbcUrl); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
