package dev.scheduler.harness.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.process.Ports;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The zonky fallback, forced even though this machine has PostgreSQL installed. */
class EmbeddedPostgresTest {

  @Test
  void servesTwoDatabasesKeepsDataOverRestartAndLeavesNothingBehind() throws Exception {
    PostgresTestServer server = PostgresTestServer.start(Map.of(), "embedded");
    Path dir;
    int port;
    try {
      assertThat(server.kind()).isEqualTo("embedded");
      dir = server.workDirectory().orElseThrow();
      port = server.port();
      assertThat(Ports.isListening(port)).isTrue();
      assertThat(dir.resolve("server.log")).as("server output captured").isNotEmptyFile();
      // zonky ships PostgreSQL 14; the installed one here is 15, so this proves which one answered.
      assertThat(DbChecks.single(server, server.adminJdbcUrl(), "show server_version")).startsWith("14.");

      String first = server.createDatabase("embedded");
      String second = server.createDatabase("embedded");
      DbChecks.createTableWithRow(server, first, "alpha");
      DbChecks.createTableWithRow(server, second, "beta");
      assertThat(DbChecks.notes(server, first)).containsExactly("alpha");
      assertThat(DbChecks.notes(server, second)).containsExactly("beta");
      assertThat(DbChecks.single(server, first, "show max_connections")).isEqualTo("200");

      server.restart();
      assertThat(server.port()).isEqualTo(port);
      assertThat(DbChecks.notes(server, first)).containsExactly("alpha");
    } finally {
      server.close();
    }
    assertThat(dir).doesNotExist();
    assertThat(Ports.isListening(port)).isFalse();
  }
}
