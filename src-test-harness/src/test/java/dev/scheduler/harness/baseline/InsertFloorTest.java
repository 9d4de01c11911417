package dev.scheduler.harness.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.harness.postgres.PostgresTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InsertFloorTest {

  @Test
  void measuresCommittedInsertsAndTheirLatency() throws Exception {
    PostgresTestServer postgres = PostgresTestServer.shared();
    String url = postgres.createDatabase("floor");

    InsertFloor.Result result = InsertFloor.measure(url, postgres.user(), postgres.password(), 4, Duration.ofMillis(500));

    assertThat(result.concurrency()).isEqualTo(4);
    assertThat(result.inserts()).isPositive();
    assertThat(result.insertsPerSecond()).isPositive();
    assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros()).isPositive();
    assertThat(result.latencyMicros().getTotalCount()).isEqualTo(result.inserts());
    try (Connection c = postgres.connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + InsertFloor.SCHEMA + ".inserts")) {
      rs.next();
      assertThat(rs.getLong(1)).as("warm-up rows plus the measured ones").isEqualTo(result.inserts() + 4 * 20);
    }
  }

  @Test
  void strategiesAndOptionsReadAsTheCommandLineWritesThem() {
    assertThat(Strategy.parse("for-update")).isEqualTo(Strategy.FOR_UPDATE);
    assertThat(Strategy.parse("Serializable")).isEqualTo(Strategy.SERIALIZABLE);
    assertThatThrownBy(() -> Strategy.parse("magic")).isInstanceOf(IllegalArgumentException.class);

    FloorCommand floor = new FloorCommand();
    new CommandLine(floor).parseArgs("--db-url", "jdbc:postgresql://x/y", "--concurrency", "8", "--duration", "3s");
    assertThat(floor.duration).isEqualTo(Duration.ofSeconds(3));
    assertThat(floor.concurrency).isEqualTo(8);
    BaselineCommand baseline = new BaselineCommand();
    new CommandLine(baseline).parseArgs("--strategy", "optimistic", "--db-url", "jdbc:postgresql://x/y",
        "--admin-token", "T");
    assertThat(baseline.port).isEqualTo(9090);
    assertThat(baseline.poolSize).isEqualTo(16);
  }
}
