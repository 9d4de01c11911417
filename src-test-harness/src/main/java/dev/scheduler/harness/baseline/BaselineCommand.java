package dev.scheduler.harness.baseline;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harness baseline --strategy exclusion --port 9090 --db-url jdbc:postgresql://... --admin-token T}:
 * serves one baseline until Ctrl-C, then prints its counters.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "Serve the booking API straight from PostgreSQL with one double-booking strategy "
        + "(its schema is dropped and recreated first). Runs until Ctrl-C.")
public final class BaselineCommand implements Callable<Integer> {

  @Option(names = "--strategy", required = true,
      description = "exclusion, for-update, serializable or optimistic")
  String strategy;

  @Option(names = "--port", defaultValue = "9090", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free)")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--db-url", required = true, description = "jdbc:postgresql://host:port/database")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "postgres", description = "(default: ${DEFAULT-VALUE})")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "", description = "(default: empty)")
  String dbPassword;

  @Option(names = "--admin-token", required = true, description = "bearer token for POST /api/v1/hosts")
  String adminToken;

  @Option(names = "--pool-size", defaultValue = "16",
      description = "JDBC connections and HTTP worker threads (default: ${DEFAULT-VALUE}, the node's default pool)")
  int poolSize;

  @Option(names = "--max-attempts", defaultValue = "30",
      description = "runs of a transaction that lost a race before answering 503 (default: ${DEFAULT-VALUE})")
  int maxAttempts;

  @Override
  public Integer call() throws Exception {
    Strategy chosen = Strategy.parse(strategy);
    BaselineServer.Options options = BaselineServer.Options.defaults().withPoolSize(poolSize)
        .withMaxAttempts(maxAttempts).withBindAddress(bind);
    BaselineServer server = BaselineServer.start(chosen, dbUrl, dbUser, dbPassword, port, adminToken, options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      System.out.println("Stopped. " + server.stats());
      stopped.countDown();
    }, "baseline-shutdown"));
    System.out.println("Baseline " + chosen.cliName() + " serving " + server.url() + " (schema "
        + chosen.schema() + "); stats at " + server.url() + "/baseline/stats. Ctrl-C stops it.");
    stopped.await();
    return 0;
  }
}
