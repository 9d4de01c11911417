package dev.scheduler.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/kubernetes against the node's own configuration ({@link ManifestRules}): ports, probe
 * paths, environment names, actor system name and bootstrap discovery, replicas and the disruption
 * budget. Each rule is also shown to fail on a manifest broken the way a careless edit would.
 */
class KubernetesManifestsTest {
  private static final KubernetesManifests MANIFESTS = KubernetesManifests.read();

  @Test
  void theManifestsAgreeWithTheNodesConfiguration() {
    assertThat(ManifestRules.problems(MANIFESTS)).isEmpty();
  }

  @Test
  void threeNodesOneDownAtATimeTwoAlwaysAvailable() {
    ObjectNode deployment = MANIFESTS.ofKind("Deployment").get(0);
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/strategy/rollingUpdate/maxSurge").asInt()).isEqualTo(0);
    assertThat(MANIFESTS.ofKind("PodDisruptionBudget").get(0).at("/spec/minAvailable").asInt()).isEqualTo(2);
  }

  @Test
  void thePodsConfigurationIsTheOneOfAClusterOnKubernetes() {
    Config config = ManifestRules.nodeConfig(Map.of(
        "SCHEDULER_CLUSTER_BOOTSTRAP", "kubernetes", "SCHEDULER_REMOTE_HOST", "10.11.12.13"));
    assertThat(config.getString("pekko.management.http.hostname")).isEqualTo("10.11.12.13");
    assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("10.11.12.13");
    assertThat(ManifestRules.environmentNamesTheNodeReads())
        .contains("SCHEDULER_DB_URL", "SCHEDULER_HTTP_PORT", "SCHEDULER_MANAGEMENT_PORT", "SCHEDULER_CLUSTER_BOOTSTRAP");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenManifests")
  void aBrokenManifestIsCaught(String change, Consumer<KubernetesManifests> breakIt, String expected) {
    KubernetesManifests broken = MANIFESTS.copy();
    breakIt.accept(broken);
    assertThat(ManifestRules.problems(broken)).as(change).anySatisfy(problem -> assertThat(problem).contains(expected));
  }

  static Stream<Arguments> brokenManifests() {
    return Stream.of(
        Arguments.of("the HTTP port is 8081", port("http", 8081), "container port http is 8081"),
        Arguments.of("the management port is 8559", port("management", 8559), "container port management is 8559"),
        Arguments.of("the remoting port is 2552", port("remoting", 2552), "container port remoting is 2552"),
        Arguments.of("readiness asks the API's /health/ready",
            probe("readinessProbe", "/health/ready", null), "readinessProbe asks"),
        Arguments.of("liveness asks /ready", probe("livenessProbe", "/ready", null), "livenessProbe asks"),
        Arguments.of("liveness goes to the HTTP port", probe("livenessProbe", null, "http"), "livenessProbe goes to port"),
        Arguments.of("the probe gives up after 1 s", (Consumer<KubernetesManifests>) m ->
            ((ObjectNode) container(m).get("readinessProbe")).put("timeoutSeconds", 1), "gives up after 1 s"),
        Arguments.of("a misspelt variable", env("SCHEDULER_HTTP_PROT", "8080"), "SCHEDULER_HTTP_PROT"),
        Arguments.of("the database password in plain text", env("SCHEDULER_DB_PASSWORD", "hunter2"),
            "SCHEDULER_DB_PASSWORD must come from a Secret"),
        Arguments.of("seed nodes beside bootstrap", env("SCHEDULER_SEED_NODES", "10.0.0.1:25520"), "seed nodes"),
        Arguments.of("no bootstrap", env("SCHEDULER_CLUSTER_BOOTSTRAP", "seed-nodes"), "does not bootstrap"),
        Arguments.of("another service name", env("SCHEDULER_BOOTSTRAP_SERVICE_NAME", "calendar"),
            "bootstrap lists pods by app=calendar"),
        Arguments.of("another app label", podLabel("app", "calendar"), "selects"),
        Arguments.of("another actor system name", podLabel("actorSystemName", "Scheduler"), "actorSystemName"),
        Arguments.of("five replicas", (Consumer<KubernetesManifests>) m ->
            m.ofKind("Deployment").get(0).with("spec").put("replicas", 5), "replicas must be 3"),
        Arguments.of("two down at once", (Consumer<KubernetesManifests>) m ->
            m.ofKind("Deployment").get(0).with("spec").with("strategy").with("rollingUpdate").put("maxUnavailable", 2),
            "keep a majority"),
        Arguments.of("a budget of one", (Consumer<KubernetesManifests>) m ->
            m.ofKind("PodDisruptionBudget").get(0).with("spec").put("minAvailable", 1), "minAvailable 2"),
        Arguments.of("the role may not list pods", (Consumer<KubernetesManifests>) m ->
            ((ArrayNode) m.ofKind("Role").get(0).at("/rules/0/verbs")).removeAll().add("get"), "may list pods"),
        Arguments.of("the Service sends to the management port", (Consumer<KubernetesManifests>) m ->
            ((ObjectNode) m.ofKind("Service").get(0).at("/spec/ports/0")).put("targetPort", "management"),
            "not the HTTP API's port"));
  }

  private static JsonNode container(KubernetesManifests manifests) {
    return manifests.ofKind("Deployment").get(0).at("/spec/template/spec/containers/0");
  }

  private static Consumer<KubernetesManifests> port(String name, int number) {
    return manifests -> container(manifests).get("ports").forEach(port -> {
      if (port.get("name").asText().equals(name)) {
        ((ObjectNode) port).put("containerPort", number);
      }
    });
  }

  private static Consumer<KubernetesManifests> probe(String probe, String path, String port) {
    return manifests -> {
      ObjectNode get = (ObjectNode) container(manifests).get(probe).get("httpGet");
      if (path != null) {
        get.put("path", path);
      }
      if (port != null) {
        get.put("port", port);
      }
    };
  }

  /** Sets a variable's literal value, adding it when absent. */
  private static Consumer<KubernetesManifests> env(String name, String value) {
    return manifests -> {
      ArrayNode env = (ArrayNode) container(manifests).get("env");
      for (JsonNode entry : env) {
        if (entry.get("name").asText().equals(name)) {
          ((ObjectNode) entry).remove("valueFrom");
          ((ObjectNode) entry).put("value", value);
          return;
        }
      }
      env.addObject().put("name", name).put("value", value);
    };
  }

  private static Consumer<KubernetesManifests> podLabel(String label, String value) {
    return manifests -> ((ObjectNode) manifests.ofKind("Deployment").get(0).at("/spec/template/metadata/labels"))
        .put(label, value);
  }
}
