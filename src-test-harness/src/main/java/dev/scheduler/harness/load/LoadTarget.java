package dev.scheduler.harness.load;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A system under test: a name for reports ("cluster", "pg-serializable"), the base URLs of its
 * nodes (requests go round-robin over them) and the admin token that creates hosts.
 */
public record LoadTarget(String name, List<URI> nodes, String adminToken) {

  public LoadTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(adminToken, "adminToken");
    if (nodes == null || nodes.isEmpty()) {
      throw new IllegalArgumentException("a target needs at least one node");
    }
    nodes = nodes.stream().map(LoadTarget::withoutTrailingSlash).toList();
  }

  /** @param nodes comma-separated base URLs, such as {@code http://127.0.0.1:8081,http://127.0.0.1:8082} */
  public static LoadTarget of(String name, String nodes, String adminToken) {
    return new LoadTarget(name, Arrays.stream(nodes.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).toList(), adminToken);
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
