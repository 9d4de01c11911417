package dev.scheduler.harness.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.harness.client.SchedulerApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeProcessLauncherTest {
  private static final Duration READY = Duration.ofSeconds(30);

  @TempDir
  Path logs;
  private NodeProcessLauncher node;

  @AfterEach
  void killNode() {
    if (node != null) {
      node.close();
    }
  }

  private NodeProcessLauncher fakeNode(Map<String, String> extraEnv) {
    int port = Ports.freePort();
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("FAKE_NODE_HTTP_PORT", Integer.toString(port));
    env.put("FAKE_NODE_GREETING", "hello-from-test");
    node = new NodeProcessLauncher("fake-node", port, env, logs.resolve("fake-node.log"))
        .mainClass(FakeNodeMain.class.getName())
        .jvmArg("-Xmx64m");
    return node;
  }

  @Test
  void startsBecomesReadyDiesOnKillAndStartsAgain() {
    fakeNode(Map.of()).start().awaitReady(READY);
    assertThat(node.isAlive()).isTrue();
    assertThat(node.logTail(10)).contains("greeting: hello-from-test");
    assertThat(new SchedulerApiClient(node.baseUrl()).get("/health/ready", null).body()).isEqualTo("ready");

    node.kill();
    assertThat(node.isAlive()).isFalse();
    assertThat(node.exitValue()).isEqualTo(137);
    assertThat(Ports.isListening(node.httpPort())).isFalse();
    assertThat(node.logTail(20)).doesNotContain("shutting down");

    node.start().awaitReady(READY);
    assertThat(node.logTail(50).split("starting fake-node", -1)).hasSize(3);
  }

  @Test
  void stopIsGracefulSoShutdownHooksRun() {
    fakeNode(Map.of()).start().awaitReady(READY);
    node.stop();
    assertThat(node.isAlive()).isFalse();
    assertThat(node.exitValue()).isEqualTo(143);
    assertThat(node.logTail(5)).contains("fake node shutting down");
  }

  @Test
  void pausedNodeDoesNotAnswerUntilResumed() throws Exception {
    fakeNode(Map.of()).start().awaitReady(READY);
    node.pause();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/health/ready"))
        .timeout(Duration.ofSeconds(1)).build();
    assertThatThrownBy(() -> http.send(probe, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(node.isAlive()).isTrue();

    node.resume();
    node.awaitReady(READY);
    // stop() on a paused node must still be graceful (it resumes first).
    node.pause();
    node.stop();
    assertThat(node.exitValue()).isEqualTo(143);
  }

  @Test
  void awaitReadyFailsFastWithLogWhenTheProcessDies() {
    fakeNode(Map.of()).mainClass("dev.scheduler.NoSuchMain").start();
    assertThatThrownBy(() -> node.awaitReady(READY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("dev.scheduler.NoSuchMain");
  }

  @Test
  void awaitReadyTimesOutWhileTheNodeIsNotReady() {
    fakeNode(Map.of("FAKE_NODE_READY", "false")).start();
    assertThatThrownBy(() -> node.awaitReady(Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not ready within")
        .hasMessageContaining("HTTP 503");
  }
}
