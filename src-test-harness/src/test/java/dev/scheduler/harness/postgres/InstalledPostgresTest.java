package dev.scheduler.harness.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.harness.process.Ports;
import dev.scheduler.harness.process.TestFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The private server made from the machine's own PostgreSQL (installed path forced). */
class InstalledPostgresTest {

  // A developer's fresh machine with only JDK and Maven has no PostgreSQL: the suite then runs on the
  // embedded fallback, and these tests of the installed path are skipped. CI installs it, so they run there.
  @org.junit.jupiter.api.BeforeEach
  void needsInstalledPostgres() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PostgresBinaries.findBinDir().isPresent(),
        "no installed PostgreSQL binaries on this machine");
  }

  @Test
  void servesTwoSeparateDatabasesAndLeavesNothingBehind() throws Exception {
    PostgresTestServer server = PostgresTestServer.start(Map.of(), "installed");
    Path dir;
    int port;
    try {
      assertThat(server.kind()).isEqualTo("installed");
      dir = server.workDirectory().orElseThrow();
      port = server.port();
      assertThat(dir).isDirectory();
      assertThat(Ports.isListening(port)).isTrue();

      String first = server.createDatabase("bookings");
      String second = server.createDatabase("bookings");
      assertThat(first).startsWith("jdbc:postgresql://127.0.0.1:" + port + "/bookings_");
      assertThat(second).isNotEqualTo(first);

      DbChecks.createTableWithRow(server, first, "alpha");
      DbChecks.createTableWithRow(server, second, "beta");
      assertThat(DbChecks.notes(server, first)).containsExactly("alpha");
      assertThat(DbChecks.notes(server, second)).containsExactly("beta");
      assertThat(DbChecks.single(server, first, "show max_connections")).isEqualTo("200");
      assertThat(DbChecks.single(server, first, "show fsync")).isEqualTo("off");
    } finally {
      server.close();
    }
    assertThat(dir).doesNotExist();
    assertThat(Ports.isListening(port)).isFalse();
  }

  @Test
  void runsAsPostgresUserWhenJvmIsRootWithSocketInWorkDir() throws Exception {
    try (PostgresTestServer server = PostgresTestServer.start(Map.of(), "installed")) {
      Path dir = server.workDirectory().orElseThrow();
      String expectedOwner = ServerOsUser.jvmIsRoot() ? "postgres" : System.getProperty("user.name");
      assertThat(Files.getOwner(dir.resolve("data/postmaster.pid")).getName()).isEqualTo(expectedOwner);
      assertThat(dir.resolve(".s.PGSQL." + server.port())).exists();
      assertThat(dir.resolve("server.log")).isNotEmptyFile();
    }
  }

  @Test
  void restartKeepsDataAndPortAndDropsOldConnections() throws Exception {
    try (PostgresTestServer server = PostgresTestServer.start(Map.of(), "installed")) {
      String url = server.createDatabase("restart");
      DbChecks.createTableWithRow(server, url, "before restart");
      int port = server.port();
      try (Connection old = server.connect(url)) {
        server.restart();
        assertThat(server.port()).isEqualTo(port);
        assertThatThrownBy(() -> old.createStatement().executeQuery("select 1"))
            .isInstanceOf(SQLException.class);
      }
      assertThat(DbChecks.notes(server, url)).containsExactly("before restart");
    }
  }

  @Test
  void failedStartReportsServerLogTail() throws Exception {
    try (PostgresTestServer server = PostgresTestServer.start(Map.of(), "installed")) {
      server.stopServer();
      try (ServerSocket squatter = new ServerSocket(server.port(), 1, InetAddress.getByName("127.0.0.1"))) {
        assertThatThrownBy(server::startServer)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("pg_ctl start failed")
            .hasMessageContaining("could not bind");
      }
      server.startServer();
      try (Connection c = server.connect(server.adminJdbcUrl()); Statement s = c.createStatement()) {
        assertThat(DbChecks.single(s, "select 1")).isEqualTo("1");
      }
    }
  }

  @Test
  void unknownModeIsRejected() {
    assertThatThrownBy(() -> PostgresTestServer.start(Map.of(), "docker"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("installed, embedded or auto");
  }

  @Test
  void findsDebianBinariesHighestVersionFirst() throws IOException {
    Path root = Files.createTempDirectory("pglib");
    try {
      for (String version : new String[] {"9.6", "15", "10", "notes"}) {
        Files.createDirectories(root.resolve(version).resolve("bin"));
      }
      assertThat(PostgresBinaries.debianBinDirs(root)).containsExactly(
          root.resolve("15/bin"), root.resolve("10/bin"), root.resolve("9.6/bin"));
    } finally {
      TestFiles.deleteRecursively(root);
    }
    assertThat(PostgresBinaries.findBinDir())
        .as("this machine has PostgreSQL installed (apt-get install postgresql)")
        .hasValueSatisfying(dir -> assertThat(PostgresBinaries.hasAllBinaries(dir)).isTrue());
  }
}
