package dev.scheduler.harness.baseline;

import com.sun.net.httpserver.HttpServer;
import dev.scheduler.harness.audit.BookingHistorySource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A baseline: the node's host, schedule, event-type, slot and booking endpoints, served by the JDK's
 * HTTP server straight from PostgreSQL with one {@link Strategy} against double booking. Starting
 * drops and recreates the strategy's schema, so every run begins empty.
 *
 * <pre>{@code
 * try (BaselineServer server = BaselineServer.start(Strategy.FOR_UPDATE, url, "postgres", "", 0, "admin")) {
 *   new SchedulerApiClient(server.url()).createHost("admin", ...);
 * }
 * }</pre>
 */
public final class BaselineServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineServer.class);

  /**
   * How a baseline is sized. The default pool of 16 connections is the cluster node's default
   * ({@code SCHEDULER_DB_POOL_SIZE}), so both sides get the same share of the database; HTTP worker
   * threads match the pool, so a request never waits for a connection (extra requests queue in the
   * server instead).
   *
   * @param poolSize JDBC connections, opened at start
   * @param httpThreads request worker threads
   * @param maxAttempts runs of one transaction before a lost race is answered 503
   * @param bindAddress where to listen
   * @param clock "now" for notice, window and createdAt
   */
  public record Options(int poolSize, int httpThreads, int maxAttempts, String bindAddress, Clock clock) {
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final int DEFAULT_MAX_ATTEMPTS = 30;

    public Options {
      if (poolSize < 1 || httpThreads < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException("pool size, HTTP threads and attempts must be positive");
      }
      Objects.requireNonNull(bindAddress, "bindAddress");
      Objects.requireNonNull(clock, "clock");
    }

    public static Options defaults() {
      return new Options(DEFAULT_POOL_SIZE, DEFAULT_POOL_SIZE, DEFAULT_MAX_ATTEMPTS, "127.0.0.1", Clock.systemUTC());
    }

    /** The pool and the HTTP worker threads both {@code size}. */
    public Options withPoolSize(int size) {
      return new Options(size, size, maxAttempts, bindAddress, clock);
    }

    public Options withClock(Clock newClock) {
      return new Options(poolSize, httpThreads, maxAttempts, bindAddress, newClock);
    }

    public Options withMaxAttempts(int attempts) {
      return new Options(poolSize, httpThreads, attempts, bindAddress, clock);
    }

    public Options withBindAddress(String address) {
      return new Options(poolSize, httpThreads, maxAttempts, address, clock);
    }
  }

  private final Strategy strategy;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final BaselineStats stats;
  private final ConnectionPool pool;
  private final HttpServer http;
  private final ExecutorService workers;
  private final String url;

  private BaselineServer(Strategy strategy, String jdbcUrl, String user, String password, BaselineStats stats,
      ConnectionPool pool, HttpServer http, ExecutorService workers) {
    this.strategy = strategy;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.stats = stats;
    this.pool = pool;
    this.http = http;
    this.workers = workers;
    this.url = "http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort();
  }

  /** Defaults ({@link Options#defaults()}); port 0 picks a free one (see {@link #url()}). */
  public static BaselineServer start(Strategy strategy, String jdbcUrl, String user, String password, int port,
      String adminToken) throws IOException, SQLException {
    return start(strategy, jdbcUrl, user, password, port, adminToken, Options.defaults());
  }

  public static BaselineServer start(Strategy strategy, String jdbcUrl, String user, String password, int port,
      String adminToken, Options options) throws IOException, SQLException {
    Objects.requireNonNull(adminToken, "adminToken");
    reset(strategy, jdbcUrl, user, password);
    BaselineStats stats = new BaselineStats(strategy);
    ConnectionPool pool = new ConnectionPool(jdbcUrl, user, password, "baseline-" + strategy.cliName(),
        options.poolSize(), strategy.isolation());
    ExecutorService workers = null;
    try {
      ScheduleCache schedules = new ScheduleCache();
      BookingSql sql = new BookingSql(strategy, schedules);
      Transactions transactions = new Transactions(options.maxAttempts(), stats);
      WriteStrategy writes = strategy.create(sql, transactions, stats);
      CallerTokens credentials = CallerTokens.withRandomKey(adminToken);
      HostService hosts = new HostService(strategy, pool, sql, credentials, options.clock());
      BookingService bookings = new BookingService(pool, writes, sql, transactions, stats, credentials,
          options.clock());
      HttpServer http = HttpServer.create(new InetSocketAddress(options.bindAddress(), port), 1024);
      workers = Executors.newFixedThreadPool(options.httpThreads(), daemonThreads(threadPrefix(strategy)));
      http.setExecutor(workers);
      http.createContext("/", new BaselineRoutes(hosts, bookings, stats::snapshot));
      http.start();
      BaselineServer server = new BaselineServer(strategy, jdbcUrl, user, password, stats, pool, http, workers);
      LOG.info("Baseline {} serving {} (schema {}, {} connections)", strategy.cliName(), server.url(),
          strategy.schema(), options.poolSize());
      return server;
    } catch (IOException | RuntimeException e) {
      if (workers != null) {
        workers.shutdownNow();
      }
      pool.close();
      throw e;
    }
  }

  /** Drops and recreates the strategy's schema (and creates btree_gist if missing). */
  public static void reset(Strategy strategy, String jdbcUrl, String user, String password) throws SQLException {
    try (Connection c = Jdbc.connect(jdbcUrl, user, password, "baseline-reset")) {
      BaselineSchema.reset(c, strategy);
    }
  }

  /** The name prefix of this server's HTTP worker threads (which also run its JDBC calls), for CPU accounting. */
  public String threadPrefix() {
    return threadPrefix(strategy);
  }

  private static String threadPrefix(Strategy strategy) {
    return "baseline-" + strategy.cliName() + "-";
  }

  /** Such as {@code http://127.0.0.1:9090}. */
  public String url() {
    return url;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public Strategy strategy() {
    return strategy;
  }

  /** The counters also served at {@code GET /baseline/stats}. */
  public BaselineStats.Snapshot stats() {
    return stats.snapshot();
  }

  /** What this baseline stored, for the auditor; readable after close too. */
  public BookingHistorySource historySource() {
    return new BaselineHistorySource(strategy, jdbcUrl, user, password);
  }

  /** Stops listening (requests under way get a second to finish), then closes the connections. */
  @Override
  public void close() {
    http.stop(1);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    pool.close();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
