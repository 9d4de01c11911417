package dev.scheduler.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.config.NodeSecrets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The console at start says where the admin token is and how to read it, never the token itself. */
class StartNoticeTest {
  private static final String TOKEN = "generated-admin-token-value";
  private static final Path WORKING_DIRECTORY = Path.of("/srv/scheduler");

  @Test
  void aGeneratedTokenIsNotPrintedButItsFileAndHowToReadIt() {
    NodeSecrets secrets = new NodeSecrets(TOKEN, new byte[32], true, WORKING_DIRECTORY.resolve("data/admin-token"));
    String notice = Main.notice("http://127.0.0.1:8080/", secrets, false, WORKING_DIRECTORY);

    assertThat(notice).doesNotContain(TOKEN);
    assertThat(notice).contains("cat data/admin-token").contains("readable by this user only");
  }

  @Test
  void aTokenFileOutsideTheWorkingDirectoryIsNamedInFull() {
    NodeSecrets secrets = new NodeSecrets(TOKEN, new byte[32], false, Path.of("/var/lib/scheduler/admin-token"));
    String notice = Main.notice("http://127.0.0.1:8080/", secrets, false, WORKING_DIRECTORY);

    assertThat(notice).doesNotContain(TOKEN).contains("cat /var/lib/scheduler/admin-token");
  }
}
