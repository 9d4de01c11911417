package dev.scheduler.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.harness.postgres.PostgresTestServer;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.node.SchedulerNode;
import dev.scheduler.node.testkit.MutableClock;
import dev.scheduler.node.testkit.TestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remoting over TLS is one setting away: two nodes given {@code transport = tls-tcp} and a key
 * store and trust store (generated here with the JDK's keytool) form a cluster, and their
 * remoting port speaks mutual TLS 1.3.
 */
class TlsRemotingTest {
  private static final String PASSWORD = "test-store-password";

  @TempDir Path work;

  @Test
  void twoNodesFormAClusterOverMutualTls() throws Exception {
    Path keyStore = work.resolve("node.p12");
    Path trustStore = work.resolve("trust.p12");
    generateStores(keyStore, trustStore);
    Map<String, Object> tls = Map.of(
        "pekko.remote.artery.transport", "tls-tcp",
        "pekko.remote.artery.ssl.config-ssl-engine.key-store", keyStore.toString(),
        "pekko.remote.artery.ssl.config-ssl-engine.key-store-password", PASSWORD,
        "pekko.remote.artery.ssl.config-ssl-engine.key-password", PASSWORD,
        "pekko.remote.artery.ssl.config-ssl-engine.trust-store", trustStore.toString(),
        "pekko.remote.artery.ssl.config-ssl-engine.trust-store-password", PASSWORD);
    PostgresTestServer server = PostgresTestServer.shared();
    var db = new TestNodes.PostgresDatabase(server.createDatabase("tls"), server.user(), server.password());
    MutableClock clock = new MutableClock(Instant.parse("2027-03-01T13:00:00Z"));
    int seedPort = Ports.freePort();
    List<SchedulerNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        int port = i == 0 ? seedPort : Ports.freePort();
        nodes.add(SchedulerNode.start(TestNodes.config(
            work.resolve("node" + i), db, port, List.of("127.0.0.1:" + seedPort), tls), clock));
      }
      awaitTwoUp(nodes.get(1), Duration.ofSeconds(60));

      assertThat(tlsHandshake(seedPort, keyStore, trustStore)).isEqualTo("TLSv1.3");
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
    }
  }

  private static void awaitTwoUp(SchedulerNode node, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      long up = java.util.stream.StreamSupport.stream(
              Cluster.get(node.system()).state().getMembers().spliterator(), false)
          .filter(m -> m.status() == MemberStatus.up()).count();
      if (up == 2) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the two TLS nodes did not form a cluster within " + limit);
  }

  /** Connects to the remoting port as a third party holding the cluster's certificate would. */
  private static String tlsHandshake(int port, Path keyStore, Path trustStore) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(keyStore), PASSWORD.toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(trustStore));
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  private static KeyStore load(Path file) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  // A self-signed key pair for every node, and a trust store holding its certificate.
  private static void generateStores(Path keyStore, Path trustStore) throws IOException, InterruptedException {
    Path certificate = keyStore.resolveSibling("node.crt");
    keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=scheduler-node", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-alias", "node", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", "node", "-file", certificate.toString(),
        "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], output).isZero();
  }
}
