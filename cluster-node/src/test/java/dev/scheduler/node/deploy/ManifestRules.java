package dev.scheduler.node.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import dev.scheduler.node.config.ManagementSettings;
import dev.scheduler.node.config.NodeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What deploy/kubernetes must agree on with the node's own configuration, as the node would load
 * it inside the pod: application.conf and every reference.conf, with the container's environment
 * for the {@code ${?NAME}} overrides (values from Secrets and the downward API as placeholders) and
 * nothing from this machine's environment. Each broken rule is one line in {@link #problems}.
 */
final class ManifestRules {
  /** Read by the JVM itself, not by the node's configuration. */
  static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");
  private static final Pattern ENV_OVERRIDE = Pattern.compile("\\$\\{\\?([A-Za-z0-9_]+)}");
  private static final Pattern INCLUDE = Pattern.compile("^\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);
  private static final String POD_IP = "10.11.12.13";

  private final KubernetesManifests manifests;
  private final List<String> problems = new ArrayList<>();

  private ManifestRules(KubernetesManifests manifests) {
    this.manifests = manifests;
  }

  static List<String> problems(KubernetesManifests manifests) {
    ManifestRules rules = new ManifestRules(manifests);
    rules.check();
    return rules.problems;
  }

  /** Every NAME in a {@code ${?NAME}} of application.conf and the files it includes. */
  static Set<String> environmentNamesTheNodeReads() {
    Set<String> names = new TreeSet<>();
    List<String> files = new ArrayList<>(List.of("application.conf"));
    for (int i = 0; i < files.size(); i++) {
      String text = resource(files.get(i));
      Matcher include = INCLUDE.matcher(text);
      while (include.find()) {
        files.add(include.group(1));
      }
      Matcher override = ENV_OVERRIDE.matcher(text);
      while (override.find()) {
        names.add(override.group(1));
      }
    }
    return names;
  }

  /** The node's configuration with these environment variables and no others. */
  static Config nodeConfig(Map<String, String> environment) {
    return ConfigFactory.parseMap(environment)
        .withFallback(ConfigFactory.parseResourcesAnySyntax("application"))
        .withFallback(ConfigFactory.parseResourcesAnySyntax("reference"))
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }

  private void check() {
    List<ObjectNode> deployments = new ArrayList<>(manifests.ofKind("Deployment"));
    deployments.addAll(manifests.ofKind("StatefulSet"));
    if (deployments.size() != 1) {
      problems.add("expected one Deployment or StatefulSet of nodes, found " + deployments.size());
      return;
    }
    ObjectNode deployment = deployments.get(0);
    JsonNode pod = deployment.path("spec").path("template");
    Map<String, String> podLabels = strings(pod.path("metadata").path("labels"));
    JsonNode container = nodeContainer(pod);
    if (container == null) {
      return;
    }
    Map<String, String> environment = environment(container);
    Config config = nodeConfig(environment);
    int replicas = deployment.path("spec").path("replicas").asInt(1);
    int majority = replicas / 2 + 1;

    checkReplicasAndRollout(deployment, replicas, majority);
    checkSelects("the Deployment's selector", deployment.path("spec").path("selector").path("matchLabels"), podLabels);
    checkPorts(container, config);
    checkProbes(container, config);
    checkEnvironment(container, environment);
    checkBootstrap(config, podLabels, container, replicas, majority);
    checkAccessToPods(pod.path("spec").path("serviceAccountName").asText(""));
    checkService(podLabels, container);
    checkDisruptionBudget(podLabels, majority);
    checkMemory(container, environment);
    if (!config.getString("pekko.cluster.downing-provider-class").contains("SplitBrainResolver")) {
      problems.add("the Split Brain Resolver is off in the pod's configuration");
    }
    checkKustomization();
  }

  private void checkReplicasAndRollout(ObjectNode deployment, int replicas, int majority) {
    if (replicas != 3) {
      problems.add("replicas must be 3, not " + replicas);
    }
    JsonNode strategy = deployment.path("spec").path("strategy");
    if (!strategy.path("type").asText().equals("RollingUpdate")) {
      problems.add("the Deployment must roll out (strategy RollingUpdate), not " + strategy.path("type"));
      return;
    }
    int maxUnavailable = strategy.path("rollingUpdate").path("maxUnavailable").asInt(-1);
    int maxSurge = strategy.path("rollingUpdate").path("maxSurge").asInt(-1);
    if (maxUnavailable < 1 || replicas - maxUnavailable < majority) {
      problems.add("a rollout must keep a majority of " + majority + " Up and make progress: maxUnavailable "
          + strategy.path("rollingUpdate").path("maxUnavailable"));
    }
    if (maxSurge != 0) {
      problems.add("maxSurge must be 0 (one node at a time), not " + strategy.path("rollingUpdate").path("maxSurge"));
    }
  }

  private JsonNode nodeContainer(JsonNode pod) {
    JsonNode containers = pod.path("spec").path("containers");
    if (containers.size() != 1) {
      problems.add("expected one container in the pod, found " + containers.size());
      return null;
    }
    return containers.get(0);
  }

  private void checkPorts(JsonNode container, Config config) {
    expectPort(container, "http", config.getInt("scheduler.http.port"), "scheduler.http.port");
    expectPort(container, "management", config.getInt("pekko.management.http.port"), "pekko.management.http.port");
    expectPort(container, "remoting", config.getInt("pekko.remote.artery.canonical.port"),
        "pekko.remote.artery.canonical.port");
  }

  private void expectPort(JsonNode container, String name, int configured, String setting) {
    Integer port = containerPort(container, name);
    if (port == null) {
      problems.add("no container port named " + name);
    } else if (port != configured) {
      problems.add("container port " + name + " is " + port + " but the node's " + setting + " is " + configured);
    }
  }

  private static Integer containerPort(JsonNode container, String name) {
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals(name)) {
        return port.path("containerPort").asInt();
      }
    }
    return null;
  }

  private void checkProbes(JsonNode container, Config config) {
    String base = config.getString("pekko.management.http.base-path");
    String prefix = base.isEmpty() ? "/" : "/" + base + "/";
    String alive = prefix + config.getString("pekko.management.health-checks.liveness-path");
    String ready = prefix + config.getString("pekko.management.health-checks.readiness-path");
    long checkTimeout = config.getDuration("pekko.management.health-checks.check-timeout").toSeconds();
    int managementPort = config.getInt("pekko.management.http.port");
    expectProbe(container, "livenessProbe", Set.of(alive), managementPort, checkTimeout, true);
    expectProbe(container, "readinessProbe", Set.of(ready), managementPort, checkTimeout, true);
    expectProbe(container, "startupProbe", Set.of(alive, ready), managementPort, checkTimeout, false);
  }

  private void expectProbe(JsonNode container, String probe, Set<String> paths, int managementPort, long checkTimeout,
      boolean required) {
    JsonNode get = container.path(probe).path("httpGet");
    if (get.isMissingNode()) {
      if (required) {
        problems.add(probe + " is not an HTTP GET on the management port");
      }
      return;
    }
    if (!paths.contains(get.path("path").asText())) {
      problems.add(probe + " asks " + get.path("path") + ", not a management route of the node: " + paths);
    }
    JsonNode port = get.path("port");
    Integer number = port.isInt() ? Integer.valueOf(port.asInt()) : containerPort(container, port.asText());
    if (number == null || number != managementPort) {
      problems.add(probe + " goes to port " + port + ", not the management port " + managementPort);
    }
    // Kubernetes waits one second unless told otherwise; the checks may take check-timeout.
    int timeout = container.path(probe).path("timeoutSeconds").asInt(1);
    if (timeout <= checkTimeout) {
      problems.add(probe + " gives up after " + timeout + " s, before the checks' own timeout of " + checkTimeout + " s");
    }
  }

  private void checkEnvironment(JsonNode container, Map<String, String> environment) {
    Set<String> read = environmentNamesTheNodeReads();
    for (String name : environment.keySet()) {
      if (!read.contains(name) && !JVM_ENVIRONMENT.contains(name)) {
        problems.add("the container sets " + name + ", which the node's configuration never reads");
      }
    }
    for (String secret : List.of("SCHEDULER_DB_URL", "SCHEDULER_DB_USER", "SCHEDULER_DB_PASSWORD",
        "SCHEDULER_ADMIN_TOKEN", "SCHEDULER_SECRET_KEY")) {
      if (!environmentSource(container, secret).equals("secretKeyRef")) {
        problems.add(secret + " must come from a Secret (valueFrom.secretKeyRef)");
      }
    }
    JsonNode remoteHost = environmentEntry(container, "SCHEDULER_REMOTE_HOST");
    if (remoteHost == null
        || !remoteHost.path("valueFrom").path("fieldRef").path("fieldPath").asText().equals("status.podIP")) {
      problems.add("SCHEDULER_REMOTE_HOST must be the pod's IP (fieldRef status.podIP): bootstrap finds itself by it");
    }
  }

  private void checkBootstrap(Config config, Map<String, String> podLabels, JsonNode container, int replicas,
      int majority) {
    ManagementSettings management = ManagementSettings.from(config.getConfig("scheduler"));
    if (!management.enabled() || !management.bootstrapsFromKubernetes()) {
      problems.add("the pod's configuration does not bootstrap the cluster from Kubernetes: " + management);
    }
    if (!config.getString("scheduler.seed-nodes").isBlank()) {
      problems.add("seed nodes are set beside bootstrap: " + config.getString("scheduler.seed-nodes"));
    }
    if (!NodeSettings.SYSTEM_NAME.equals(podLabels.get("actorSystemName"))) {
      problems.add("the pod's actorSystemName label " + podLabels.get("actorSystemName")
          + " is not the node's actor system name " + NodeSettings.SYSTEM_NAME);
    }
    String discovery = config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method");
    if (!discovery.equals("kubernetes-api")) {
      problems.add("bootstrap discovers through " + discovery + ", not kubernetes-api");
    }
    String serviceName = config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name");
    String selector = String.format(config.getString("pekko.discovery.kubernetes-api.pod-label-selector"), serviceName);
    Map<String, String> selected = new LinkedHashMap<>();
    for (String term : selector.split(",")) {
      String[] keyValue = term.trim().split("=", 2);
      selected.put(keyValue[0], keyValue.length == 2 ? keyValue[1] : "");
    }
    if (!podLabels.entrySet().containsAll(selected.entrySet())) {
      problems.add("bootstrap lists pods by " + selector + " but the pods are labelled " + podLabels);
    }
    String portName = config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.port-name");
    Integer port = containerPort(container, portName);
    if (port == null || port != config.getInt("pekko.management.http.port")) {
      problems.add("bootstrap reaches other pods' management at the port named '" + portName
          + "', which is not the management port in the pod");
    }
    int required = config.getInt("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr");
    if (required > replicas || required < majority) {
      problems.add("bootstrap waits for " + required + " pods to form a cluster: between " + majority + " and "
          + replicas + " (the replicas), or it never forms one or may form two");
    }
  }

  private void checkAccessToPods(String serviceAccount) {
    if (serviceAccount.isEmpty()) {
      problems.add("the pods run as the namespace's default service account, which may not list pods");
      return;
    }
    if (manifests.ofKind("ServiceAccount").stream().noneMatch(a -> name(a).equals(serviceAccount))) {
      problems.add("no ServiceAccount " + serviceAccount);
    }
    boolean canList = false;
    for (ObjectNode binding : manifests.ofKind("RoleBinding")) {
      boolean bindsAccount = false;
      for (JsonNode subject : binding.path("subjects")) {
        bindsAccount |= subject.path("kind").asText().equals("ServiceAccount")
            && subject.path("name").asText().equals(serviceAccount);
      }
      String roleName = binding.path("roleRef").path("name").asText();
      if (!bindsAccount || !binding.path("roleRef").path("kind").asText().equals("Role")) {
        continue;
      }
      for (ObjectNode role : manifests.ofKind("Role")) {
        if (name(role).equals(roleName)) {
          for (JsonNode rule : role.path("rules")) {
            canList |= texts(rule.path("apiGroups")).contains("") && texts(rule.path("resources")).contains("pods")
                && texts(rule.path("verbs")).contains("list");
          }
        }
      }
    }
    if (!canList) {
      problems.add("the service account " + serviceAccount + " is not bound to a Role that may list pods");
    }
  }

  private void checkService(Map<String, String> podLabels, JsonNode container) {
    List<ObjectNode> services = manifests.ofKind("Service");
    if (services.isEmpty()) {
      problems.add("no Service for the HTTP API");
    }
    for (ObjectNode service : services) {
      checkSelects("Service " + name(service), service.path("spec").path("selector"), podLabels);
      for (JsonNode port : service.path("spec").path("ports")) {
        JsonNode target = port.path("targetPort");
        Integer number = target.isInt() ? Integer.valueOf(target.asInt()) : containerPort(container, target.asText());
        if (number == null || !number.equals(containerPort(container, "http"))) {
          problems.add("Service " + name(service) + " sends port " + port.path("port") + " to " + target
              + ", not the HTTP API's port");
        }
      }
    }
  }

  private void checkDisruptionBudget(Map<String, String> podLabels, int majority) {
    List<ObjectNode> budgets = manifests.ofKind("PodDisruptionBudget");
    if (budgets.size() != 1) {
      problems.add("expected one PodDisruptionBudget, found " + budgets.size());
      return;
    }
    JsonNode spec = budgets.get(0).path("spec");
    if (spec.path("minAvailable").asInt(-1) != 2 || majority != 2) {
      problems.add("the PodDisruptionBudget must keep minAvailable 2 of 3 (a majority), not " + spec.path("minAvailable"));
    }
    checkSelects("the PodDisruptionBudget", spec.path("selector").path("matchLabels"), podLabels);
  }

  private void checkMemory(JsonNode container, Map<String, String> environment) {
    String options = environment.getOrDefault("JAVA_TOOL_OPTIONS", "");
    if (!options.contains("-XX:MaxRAMPercentage=")) {
      problems.add("the heap is not sized from the container's memory (JAVA_TOOL_OPTIONS -XX:MaxRAMPercentage)");
    }
    if (container.path("resources").path("limits").path("memory").isMissingNode()) {
      problems.add("no memory limit: MaxRAMPercentage would be a share of the whole machine");
    }
  }

  private void checkKustomization() {
    for (ObjectNode kustomization : manifests.ofKind("Kustomization")) {
      Set<String> listed = new TreeSet<>(texts(kustomization.path("resources")));
      Set<String> files = new TreeSet<>(manifests.documentsByFile().keySet());
      files.remove("kustomization.yaml");
      if (!listed.equals(files)) {
        problems.add("kustomization.yaml lists " + listed + " but the directory has " + files);
      }
    }
  }

  private void checkSelects(String what, JsonNode selector, Map<String, String> podLabels) {
    Map<String, String> wanted = strings(selector);
    if (wanted.isEmpty() || !podLabels.entrySet().containsAll(wanted.entrySet())) {
      problems.add(what + " selects " + wanted + " but the pods are labelled " + podLabels);
    }
  }

  /** The container's environment as the node sees it, with placeholders for Secrets and the pod's IP. */
  private static Map<String, String> environment(JsonNode container) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode entry : container.path("env")) {
      String name = entry.path("name").asText();
      JsonNode from = entry.path("valueFrom");
      if (entry.has("value")) {
        environment.put(name, entry.path("value").asText());
      } else if (from.path("fieldRef").path("fieldPath").asText().equals("status.podIP")) {
        environment.put(name, POD_IP);
      } else {
        environment.put(name, "<" + name + " from " + from + ">");
      }
    }
    return environment;
  }

  private static JsonNode environmentEntry(JsonNode container, String name) {
    for (JsonNode entry : container.path("env")) {
      if (entry.path("name").asText().equals(name)) {
        return entry;
      }
    }
    return null;
  }

  private static String environmentSource(JsonNode container, String name) {
    JsonNode entry = environmentEntry(container, name);
    if (entry == null) {
      return "unset";
    }
    Iterator<String> sources = entry.path("valueFrom").fieldNames();
    return sources.hasNext() ? sources.next() : "value";
  }

  private static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String resource(String name) {
    try (InputStream in = ManifestRules.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
