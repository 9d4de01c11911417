package dev.scheduler.harness.baseline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The physical floor: how many plain single-row {@code INSERT}s PostgreSQL commits per second at a
 * given concurrency. N threads, each with its own connection in autocommit mode (every insert is its
 * own transaction and commit), insert rows about the size of a booking into a table with nothing but
 * a bigserial primary key, as fast as they can for the duration. No booking system on the same
 * database can commit bookings faster than this.
 */
public final class InsertFloor {
  static final String SCHEMA = "baseline_floor";
  private static final int WARM_UP_INSERTS = 20;
  private static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);

  private InsertFloor() {}

  /**
   * @param inserts rows committed in the measured time
   * @param seconds the measured time (from the common start to the last thread's stop)
   * @param insertsPerSecond inserts / seconds
   * @param latencyMicros every insert's round trip (execute and commit), in microseconds
   */
  public record Result(int concurrency, long inserts, double seconds, double insertsPerSecond,
      long p50Micros, long p99Micros, long maxMicros, Histogram latencyMicros) {}

  /** Drops and recreates {@code baseline_floor.inserts}, then measures. */
  public static Result measure(String jdbcUrl, String user, String password, int concurrency, Duration duration)
      throws SQLException, InterruptedException {
    if (concurrency < 1 || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("concurrency and duration must be positive");
    }
    try (Connection c = Jdbc.connect(jdbcUrl, user, password, "baseline-floor"); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
      s.execute("CREATE TABLE " + SCHEMA + ".inserts (id bigserial PRIMARY KEY, host_id text NOT NULL,"
          + " booking_id text NOT NULL, start_at timestamptz NOT NULL, end_at timestamptz NOT NULL,"
          + " status text NOT NULL, invitee_name text NOT NULL, invitee_email text NOT NULL,"
          + " booking_token text NOT NULL, created_at timestamptz NOT NULL)");
    }
    List<Connection> connections = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    try {
      for (int i = 0; i < concurrency; i++) {
        connections.add(Jdbc.connect(jdbcUrl, user, password, "baseline-floor"));
      }
      CountDownLatch ready = new CountDownLatch(concurrency);
      CountDownLatch go = new CountDownLatch(1);
      long[] deadline = new long[1];
      List<Future<Worker>> futures = new ArrayList<>();
      for (Connection c : connections) {
        futures.add(threads.submit(() -> new Worker(c).run(ready, go, () -> deadline[0])));
      }
      ready.await();
      long started = System.nanoTime();
      deadline[0] = started + duration.toNanos();
      go.countDown();
      Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
      long inserts = 0;
      long lastStop = started;
      for (Future<Worker> future : futures) {
        Worker worker = get(future);
        all.add(worker.latencies);
        inserts += worker.inserts;
        lastStop = Math.max(lastStop, worker.stoppedNanos);
      }
      double seconds = (lastStop - started) / 1e9;
      return new Result(concurrency, inserts, seconds, inserts / seconds, all.getValueAtPercentile(50),
          all.getValueAtPercentile(99), all.getMaxValue(), all);
    } finally {
      threads.shutdownNow();
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException e) {
          // closing anyway
        }
      }
    }
  }

  private static Worker get(Future<Worker> future) throws SQLException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException("a floor thread failed", e.getCause());
    }
  }

  /** One thread's connection, inserts and latencies. */
  private static final class Worker {
    private final Connection connection;
    private final Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
    private long inserts;
    private long stoppedNanos;

    Worker(Connection connection) {
      this.connection = connection;
    }

    Worker run(CountDownLatch ready, CountDownLatch go, LongSupplier deadline)
        throws SQLException, InterruptedException {
      connection.setAutoCommit(true);
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + SCHEMA + ".inserts"
          + " (host_id, booking_id, start_at, end_at, status, invitee_name, invitee_email, booking_token,"
          + " created_at) VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?, ?)")) {
        for (int i = 0; i < WARM_UP_INSERTS; i++) {
          insert(ps);
        }
        ready.countDown();
        go.await();
        long end = deadline.getAsLong();
        long now = System.nanoTime();
        while (now < end) {
          insert(ps);
          long after = System.nanoTime();
          latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (after - now) / 1000));
          inserts++;
          now = after;
        }
        stoppedNanos = now;
      }
      return this;
    }

    private static void insert(PreparedStatement ps) throws SQLException {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      OffsetDateTime start = OffsetDateTime.ofInstant(
          Instant.ofEpochSecond(1_800_000_000L + random.nextInt(5_000_000) * 60L), ZoneOffset.UTC);
      int invitee = random.nextInt(1_000_000);
      ps.setString(1, Long.toString(random.nextLong() >>> 1, 32));
      ps.setString(2, Long.toString(random.nextLong() >>> 1, 32));
      ps.setObject(3, start);
      ps.setObject(4, start.plusMinutes(30));
      ps.setString(5, "Invitee " + invitee);
      ps.setString(6, "invitee" + invitee + "@example.com");
      ps.setString(7, "bkt." + Long.toString(random.nextLong() >>> 1, 32) + Long.toString(random.nextLong() >>> 1, 32));
      ps.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }
}
