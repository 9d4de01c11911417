package dev.scheduler.harness.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOsUserTest {

  @Test
  void suScriptQuotesEveryWord() {
    List<String> words = List.of("printf", "%s|", "it's", "a b", "$HOME");
    String script = ServerOsUser.viaSu(words).get(5);
    assertThat(OsCommands.output(List.of("sh", "-c", script))).hasValue("it's|a b|$HOME|");
  }

  @Test
  void runuserAndSuBothRunAsPostgresWhenRoot() {
    assumeTrue(ServerOsUser.jvmIsRoot(), "only meaningful when the JVM is root");
    ServerOsUser.detect(); // creates the postgres user if missing
    Path runuser = Path.of("/usr/sbin/runuser");
    assumeTrue(Files.isExecutable(runuser), "runuser not installed");
    assertThat(OsCommands.output(ServerOsUser.viaRunuser(runuser, List.of("id", "-un"))))
        .hasValue("postgres");
    assertThat(OsCommands.output(ServerOsUser.viaSu(List.of("id", "-un")))).hasValue("postgres");
  }
}
