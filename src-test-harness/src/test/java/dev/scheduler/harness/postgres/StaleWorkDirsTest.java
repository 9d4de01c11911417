package dev.scheduler.harness.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A test JVM killed with -9 leaves a running server behind; the next start must clean it up. */
class StaleWorkDirsTest {

  // A developer's fresh machine with only JDK and Maven has no PostgreSQL: the suite then runs on the
  // embedded fallback, and these tests of the installed path are skipped. CI installs it, so they run there.
  @org.junit.jupiter.api.BeforeEach
  void needsInstalledPostgres() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PostgresBinaries.findBinDir().isPresent(),
        "no installed PostgreSQL binaries on this machine");
  }

  @Test
  void serverOfADeadJvmIsStoppedAndItsDirectoryRemoved() throws Exception {
    try (PostgresTestServer orphan = PostgresTestServer.start(Map.of(), "installed");
        PostgresTestServer healthy = PostgresTestServer.start(Map.of(), "installed")) {
      Path orphanDir = orphan.workDirectory().orElseThrow();
      Path healthyDir = healthy.workDirectory().orElseThrow();
      Files.writeString(orphanDir.resolve("owner.pid"), Long.toString(deadPid()));

      StaleWorkDirs.reap(orphanDir.getParent());

      assertThat(orphanDir).doesNotExist();
      assertThat(Ports.isListening(orphan.port())).isFalse();
      // A directory whose owner (this JVM) is alive is left alone.
      assertThat(healthyDir).isDirectory();
      assertThat(DbChecks.single(healthy, healthy.adminJdbcUrl(), "select 1")).isEqualTo("1");
    }
  }

  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }
}
