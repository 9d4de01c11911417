package dev.scheduler.node.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The YAML documents of deploy/kubernetes, by file, as Jackson trees (mutable, for tests that break them). */
record KubernetesManifests(Map<String, List<ObjectNode>> documentsByFile) {
  static final Path DIRECTORY = locate();
  private static final YAMLMapper YAML = new YAMLMapper();

  static KubernetesManifests read() {
    Map<String, List<ObjectNode>> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
          while (values.hasNext()) {
            JsonNode document = values.next();
            if (document instanceof ObjectNode object) {
              documents.add(object);
            }
          }
        }
        byFile.put(file.getFileName().toString(), documents);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DIRECTORY, e);
    }
    return new KubernetesManifests(byFile);
  }

  /** A deep copy, to change without touching this one. */
  KubernetesManifests copy() {
    Map<String, List<ObjectNode>> copy = new TreeMap<>();
    documentsByFile.forEach((file, documents) -> copy.put(file, documents.stream().map(ObjectNode::deepCopy).toList()));
    return new KubernetesManifests(copy);
  }

  List<ObjectNode> all() {
    return documentsByFile.values().stream().flatMap(List::stream).toList();
  }

  List<ObjectNode> ofKind(String kind) {
    return all().stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  // Tests run in the module's directory (cluster-node); the manifests live at the repository's root.
  private static Path locate() {
    for (Path candidate : List.of(Path.of("..", "deploy", "kubernetes"), Path.of("deploy", "kubernetes"))) {
      if (Files.isDirectory(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("deploy/kubernetes not found from " + Path.of("").toAbsolutePath());
  }
}
