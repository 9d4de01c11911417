package dev.scheduler.node.persistence;

import dev.scheduler.protocol.NodeHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Ready means: this node is an Up member of the cluster, and a query through the shared journal
 * pool comes back in time. Either failing takes the node out of a load balancer's rotation.
 * Alive means: the same query has not been failing for longer than the configured outage limit
 * ({@link JournalWatch}).
 */
public final class JournalReadiness implements NodeHealth {
  private static final String PROBE_PERSISTENCE_ID = "readiness-probe";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private final ActorSystem<?> system;
  private final JdbcReadJournal readJournal;
  private final JournalWatch watch;

  public JournalReadiness(ActorSystem<?> system, Clock clock) {
    this.system = system;
    this.readJournal = PersistenceQuery.get(system)
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    this.watch = new JournalWatch(JournalWatch.Settings.from(system.settings().config()), clock, this::queryJournal);
    watch.start(system);
  }

  @Override
  public CompletionStage<Boolean> isReady() {
    if (Cluster.get(system).selfMember().status() != MemberStatus.up()) {
      return CompletableFuture.completedFuture(false);
    }
    return queryJournal().toCompletableFuture()
        .orTimeout(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .handle((done, failure) -> failure == null);
  }

  @Override
  public boolean isAlive() {
    return watch.isAlive();
  }

  private CompletionStage<?> queryJournal() {
    return readJournal.currentEventsByPersistenceId(PROBE_PERSISTENCE_ID, 0L, 1L).runWith(Sink.ignore(), system);
  }
}
