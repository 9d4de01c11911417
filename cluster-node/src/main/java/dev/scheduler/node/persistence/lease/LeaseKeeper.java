package dev.scheduler.node.persistence.lease;

import com.typesafe.config.Config;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.UniqueAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds this node's shard leases: acquires and releases rows of {@code shard_leases}, renews all
 * of them in one statement every {@code heartbeat-interval}, and tells a shard its lease is lost
 * (the shard then stops its entities at once) when the row went to another owner or could not be
 * renewed in time. "In time" is counted on this JVM's monotonic clock from the moment the last
 * successful renewal was sent, and ends one interval before the row can expire in the database,
 * so the shard has stopped before another node may take the row.
 *
 * <p>One per actor system, on a thread of its own, so the leases of several test nodes in one JVM
 * stay apart and a saturated dispatcher cannot delay a renewal.
 */
public final class LeaseKeeper implements Extension {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final Id ID = new Id();
  static final String CONFIG_PATH = "scheduler.shard-lease";

  /** {@code absentChecks}: answers of the regions in a row that listed no shard behind the lease. */
  private record Held(Consumer<Optional<Throwable>> onLost, long acquiredNanos, long validUntilNanos,
      int absentChecks) {

    Held renewed(long validUntil) {
      return new Held(onLost, acquiredNanos, validUntil, absentChecks);
    }

    Held seen(boolean running) {
      return new Held(onLost, acquiredNanos, validUntilNanos, running ? 0 : absentChecks + 1);
    }
  }

  /** A lease this young may belong to a shard still starting, which its region does not list yet. */
  static final Duration STARTING_GRACE = Duration.ofSeconds(10);
  private static final int ABSENT_CHECKS_BEFORE_RELEASE = 2;

  private final LeaseTable table;
  private final HostedShards hosted;
  private final long startingGraceNanos;
  private final String owner;
  private final long ttlNanos;
  private final long renewEveryNanos;
  private final Duration ttl;
  private final ScheduledExecutorService thread;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private boolean renewalsFailing;
  private boolean askInFlight;

  LeaseKeeper(LeaseTable table, HostedShards hosted, String owner, Duration ttl, Duration renewEvery,
      Duration startingGrace) {
    if (renewEvery.multipliedBy(3).compareTo(ttl) > 0) {
      throw new IllegalArgumentException("A shard lease's heartbeat-timeout (" + ttl
          + ") must be at least three heartbeat-intervals (" + renewEvery + ")");
    }
    this.table = table;
    this.hosted = hosted;
    this.startingGraceNanos = startingGrace.toNanos();
    this.owner = owner;
    this.ttl = ttl;
    this.ttlNanos = ttl.toNanos();
    this.renewEveryNanos = renewEvery.toNanos();
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread named = new Thread(runnable, "shard-lease-keeper");
      named.setDaemon(true);
      return named;
    });
    thread.scheduleWithFixedDelay(this::renewAll, renewEveryNanos, renewEveryNanos, TimeUnit.NANOSECONDS);
  }

  public static LeaseKeeper get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  CompletionStage<Boolean> acquire(String name, Consumer<Optional<Throwable>> onLost) {
    return onKeeperThread(() -> {
      long sent = System.nanoTime();
      if (!table.tryAcquire(name, owner, ttl)) {
        LOG.debug("Shard lease {} is held by another node; the shard tries again", name);
        return false;
      }
      held.put(name, new Held(onLost, sent, sent + ttlNanos, 0));
      return true;
    });
  }

  CompletionStage<Boolean> release(String name) {
    return onKeeperThread(() -> {
      held.remove(name);
      table.release(name, owner);
      return true;
    });
  }

  /** Held, and not within one renewal interval of running out. */
  boolean holds(String name) {
    Held lease = held.get(name);
    return lease != null && System.nanoTime() < lease.validUntilNanos() - renewEveryNanos;
  }

  /** Stops renewing (the rows then expire) and closes the connection; a second call does nothing. */
  synchronized void shutdown() {
    if (!thread.isShutdown()) {
      thread.execute(table::close);
      thread.shutdown();
    }
  }

  private void renewAll() {
    loseExpired();
    askWhichShardsRun();
    if (held.isEmpty()) {
      return;
    }
    Set<String> names = Set.copyOf(held.keySet());
    long sent = System.nanoTime();
    try {
      Set<String> renewed = table.renew(names, owner, ttl);
      for (String name : names) {
        if (renewed.contains(name)) {
          held.computeIfPresent(name, (key, lease) -> lease.renewed(sent + ttlNanos));
        } else {
          lose(name, "its row belongs to another node now");
        }
      }
      if (renewalsFailing) {
        LOG.info("Shard leases renewed again ({} held)", held.size());
      }
      renewalsFailing = false;
    } catch (SQLException | RuntimeException e) {
      if (!renewalsFailing) {
        LOG.warn("Cannot renew {} shard leases ({}); their shards stop if this lasts", names.size(), e.getMessage());
      }
      renewalsFailing = true;
    }
  }

  /**
   * Pekko's shard does not release its lease when it stops (handed off to another node in a
   * rebalance, or stopped with its region), so the row would stay this node's for good and the
   * shard could never start elsewhere. So the keeper asks the regions, off its own thread, which
   * shards run here; a lease whose shard was missing from two answers in a row, both asked for
   * after the time a shard takes to start, is given up: its callback first (a shard that is
   * somehow still running stops), then the row.
   */
  private void askWhichShardsRun() {
    if (askInFlight || held.isEmpty()) {
      return;
    }
    askInFlight = true;
    long askedAt = System.nanoTime();
    hosted.among(Set.copyOf(held.keySet())).whenComplete((running, failure) -> onKeeperThreadIfRunning(() -> {
      askInFlight = false;
      if (running != null) {
        releaseAbandoned(running, askedAt);
      }
    }));
  }

  // An answer that comes after shutdown has nothing left to judge.
  private void onKeeperThreadIfRunning(Runnable task) {
    try {
      thread.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
      LOG.debug("Shard lease keeper stopped; a late answer of the regions is dropped");
    }
  }

  private void releaseAbandoned(Set<String> running, long askedAt) {
    held.forEach((name, lease) -> {
      if (askedAt - lease.acquiredNanos() >= startingGraceNanos) {
        held.computeIfPresent(name, (key, current) -> current.seen(running.contains(name)));
      }
    });
    held.forEach((name, lease) -> {
      if (lease.absentChecks() >= ABSENT_CHECKS_BEFORE_RELEASE) {
        abandon(name);
      }
    });
  }

  private void abandon(String name) {
    Held lease = held.remove(name);
    if (lease == null) {
      return;
    }
    lease.onLost().accept(Optional.of(new IllegalStateException("Shard lease " + name
        + " released: its shard no longer runs on this node")));
    try {
      table.release(name, owner);
      LOG.debug("Shard lease {} released: its shard no longer runs on this node", name);
    } catch (SQLException e) {
      LOG.warn("Cannot release shard lease {} ({}); it expires on its own", name, e.getMessage());
    }
  }

  private void loseExpired() {
    long cutoff = System.nanoTime() + renewEveryNanos;
    held.forEach((name, lease) -> {
      if (lease.validUntilNanos() <= cutoff) {
        lose(name, "not renewed within its heartbeat-timeout");
      }
    });
  }

  private void lose(String name, String why) {
    Held lease = held.remove(name);
    if (lease != null) {
      LOG.warn("Shard lease {} lost: {}; its shard stops", name, why);
      lease.onLost().accept(Optional.of(new IllegalStateException("Shard lease " + name + " lost: " + why)));
    }
  }

  private interface LeaseAction {
    boolean run() throws SQLException;
  }

  private CompletionStage<Boolean> onKeeperThread(LeaseAction action) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    thread.execute(() -> {
      try {
        result.complete(action.run());
      } catch (SQLException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  private static final class Id extends AbstractExtensionId<LeaseKeeper> {
    @Override
    public LeaseKeeper createExtension(ExtendedActorSystem system) {
      Config settings = system.settings().config().getConfig(CONFIG_PATH);
      Config db = system.settings().config().getConfig("pekko-persistence-jdbc.shared-databases.scheduler.db");
      Duration operationTimeout = settings.getDuration("lease-operation-timeout");
      LeaseTable table = new LeaseTable(db.getString("url"), db.getString("user"), db.getString("password"),
          operationTimeout);
      UniqueAddress self = Cluster.get(system).selfUniqueAddress();
      String owner = self.address().hostPort() + "#" + self.longUid();
      LeaseKeeper keeper = new LeaseKeeper(table, new RegionShards(system), owner,
          settings.getDuration("heartbeat-timeout"), settings.getDuration("heartbeat-interval"), STARTING_GRACE);
      system.registerOnTermination(keeper::shutdown);
      LOG.info("Shard leases in PostgreSQL for owner {}: expire {} after the last renewal, renewed every {}",
          owner, settings.getDuration("heartbeat-timeout"), settings.getDuration("heartbeat-interval"));
      return keeper;
    }
  }
}
