package dev.scheduler.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded node keeps invitees' data and its secrets readable by its own user only: the data
 * directory is rwx------ and every file in it (the H2 database, the generated admin token and
 * secret key) rw-------, whether the directory is new or was left open by an earlier version.
 */
class DataAtRestTest {
  @TempDir Path work;

  @Test
  void aNewDataDirectoryAndEverythingInItAreTheOwnersOnly() throws IOException {
    Path dataDir = work.resolve("data");
    try (SchedulerNode node = TestNodes.embedded(dataDir, new MutableClock(Instant.parse("2027-03-01T13:00:00Z")),
        Map.of("scheduler.admin-token", "", "scheduler.secret-key", ""))) {
      var created = new SchedulerApiClient(node.baseUrl())
          .createHost(adminToken(dataDir), "Ann", "ann@example.com", "UTC");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertOwnerOnly(dataDir);
      assertThat(listing(dataDir)).containsKeys("admin-token", "secret-key", "scheduler.mv.db");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
  }

  @Test
  void anOpenDataDirectoryFromAnEarlierVersionIsClosedAtStart() throws IOException {
    Path dataDir = work.resolve("old-data");
    Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.writeString(dataDir.resolve("left-over.trace.db"), "trace");
    Files.setPosixFilePermissions(dataDir.resolve("left-over.trace.db"), PosixFilePermissions.fromString("rw-r--r--"));
    try (SchedulerNode node = TestNodes.embedded(dataDir, new MutableClock(Instant.parse("2027-03-01T13:00:00Z")))) {
      assertOwnerOnly(dataDir);
    }
  }

  private static void assertOwnerOnly(Path dataDir) throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    Map<String, String> files = listing(dataDir);
    assertThat(files).isNotEmpty();
    assertThat(files).allSatisfy((name, mode) -> assertThat(mode).as(name).isEqualTo("rw-------"));
  }

  private static Map<String, String> listing(Path dataDir) throws IOException {
    Map<String, String> modes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        modes.put(file.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      }
    }
    return modes;
  }

  private static String adminToken(Path dataDir) throws IOException {
    return Files.readString(dataDir.resolve("admin-token")).trim();
  }
}
