package dev.scheduler.node.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.runtime.BoxedUnit;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;

/**
 * The JDBC journal's DAO (pekko-persistence-jdbc 1.1.1's default), measuring each write
 * transaction. The plugin does not write each {@code asyncWriteMessages} call on its own: the DAO
 * queues them and joins what is waiting (up to {@code jdbc-journal.batchSize} events, at most
 * {@code parallelism} transactions at a time) into one {@code writeJournalRows} call, one
 * transaction. So this counts the events of one real transaction, from every entity whose writes
 * were waiting together, and times that transaction alone (the wait in the queue is not in it; a
 * booking's whole persist latency is {@code scheduler_entity_ask_seconds{command="Book"}}).
 *
 * <p>Set as {@code jdbc-journal.dao}; the plugin builds it by reflection with exactly these
 * constructor parameter types, and it finds the node's registry through the materializer's system.
 */
public final class MeteredJournalDao extends DefaultJournalDao {
  private static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 400};
  private static final Duration[] WRITE_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10)};

  private final DistributionSummary batchSizes;
  private final Timer written;
  private final Timer failed;

  public MeteredJournalDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile, JournalConfig journalConfig,
      Serialization serialization, ExecutionContext ec, Materializer mat) {
    super(db, profile, journalConfig, serialization, ec, mat);
    MeterRegistry registry = NodeMetrics.get(mat.system()).registry();
    this.batchSizes = DistributionSummary.builder("scheduler.journal.write.batch.size")
        .description("Events written by one journal transaction (the plugin joins waiting writes into one)")
        .serviceLevelObjectives(BATCH_BUCKETS)
        .register(registry);
    this.written = timer(registry, "ok");
    this.failed = timer(registry, "failed");
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder("scheduler.journal.write")
        .description("Journal write transactions, from the call to the database's answer")
        .tag("outcome", outcome)
        .serviceLevelObjectives(WRITE_BUCKETS)
        .register(registry);
  }

  @Override
  public Future<BoxedUnit> writeJournalRows(
      Seq<Tuple2<JournalTables.JournalPekkoSerializationRow, Set<String>>> rows) {
    long started = System.nanoTime();
    batchSizes.record(rows.size());
    Future<BoxedUnit> result = super.writeJournalRows(rows);
    FutureConverters.asJava(result).whenComplete((done, error) ->
        (error == null ? written : failed).record(Duration.ofNanos(System.nanoTime() - started)));
    return result;
  }
}
