package dev.scheduler.harness.baseline;

import dev.scheduler.harness.cli.DurationConverter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code harness floor --db-url ... --concurrency 64 --duration 20s}: plain INSERT ... COMMIT throughput. */
@Command(name = "floor", mixinStandardHelpOptions = true,
    description = "Measure how many single-row INSERT ... COMMITs PostgreSQL takes per second at a "
        + "concurrency: the physical floor under any booking rate on that database.")
public final class FloorCommand implements Callable<Integer> {

  @Option(names = "--db-url", required = true, description = "jdbc:postgresql://host:port/database")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "postgres", description = "(default: ${DEFAULT-VALUE})")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "", description = "(default: empty)")
  String dbPassword;

  @Option(names = "--concurrency", defaultValue = "64", description = "threads, one connection each (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
      description = "how long to insert, such as 20s or 2m (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    InsertFloor.Result result = InsertFloor.measure(dbUrl, dbUser, dbPassword, concurrency, duration);
    System.out.println(String.format(Locale.ROOT,
        "floor: %d inserts in %.1f s at concurrency %d = %.0f commits/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        result.inserts(), result.seconds(), result.concurrency(), result.insertsPerSecond(),
        result.p50Micros() / 1000.0, result.p99Micros() / 1000.0, result.maxMicros() / 1000.0));
    return 0;
  }
}
