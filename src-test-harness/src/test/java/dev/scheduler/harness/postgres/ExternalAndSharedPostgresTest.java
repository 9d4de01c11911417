package dev.scheduler.harness.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalAndSharedPostgresTest {

  @Test
  void externalUrlIsUsedAsIsAndNothingIsStartedOrStopped() throws Exception {
    try (PostgresTestServer real = PostgresTestServer.start(Map.of(), "installed")) {
      Map<String, String> env = Map.of(
          PostgresTestServer.URL_ENV, real.adminJdbcUrl() + "?ApplicationName=harness",
          PostgresTestServer.USER_ENV, "postgres");
      // "embedded" would start a server; an external URL must win over the mode.
      PostgresTestServer external = PostgresTestServer.start(env, "embedded");
      String url;
      try {
        assertThat(external.kind()).isEqualTo("external");
        assertThat(external.workDirectory()).isEmpty();
        assertThat(external.password()).isEmpty();
        url = external.createDatabase("ext");
        assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:" + real.port() + "/ext_")
            .endsWith("?ApplicationName=harness");
        DbChecks.createTableWithRow(external, url, "outside");
        assertThat(DbChecks.notes(external, url)).containsExactly("outside");
        assertThatThrownBy(external::restart).isInstanceOf(UnsupportedOperationException.class);
      } finally {
        external.close();
      }
      String dbName = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
      assertThat(DbChecks.single(real, real.adminJdbcUrl(), "select 1")).isEqualTo("1");
      assertThat(DbChecks.single(real, real.adminJdbcUrl(),
          "select count(*) from pg_database where datname = '" + dbName + "'")).isEqualTo("0");
    }
  }

  @Test
  void sharedServerIsOnePerJvm() throws Exception {
    PostgresTestServer shared = PostgresTestServer.shared();
    assertThat(PostgresTestServer.shared()).isSameAs(shared);
    String url = shared.createDatabase("shared");
    assertThat(DbChecks.single(shared, url, "select current_database()")).startsWith("shared_");
  }

  @Test
  void databaseNamesAreSafeIdentifiers() throws Exception {
    String url = PostgresTestServer.shared().createDatabase("Node-1 DB!");
    assertThat(url.substring(url.lastIndexOf('/') + 1)).matches("node_1_db__\\d+_[0-9a-f]{8}");
  }
}
