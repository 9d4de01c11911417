package dev.scheduler.harness.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads readiness and the cluster view of nodes over HTTP, with short timeouts (a node may be frozen). */
public final class ClusterHealth {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private ClusterHealth() {}

  /** One member as a node sees it. */
  public record Member(String address, String status, boolean reachable) {}

  /** A node's view of the cluster: itself and the members it knows. */
  public record View(String selfAddress, List<Member> members) {

    /** Exactly {@code size} members, every one Up and reachable. */
    public boolean converged(int size) {
      return members.size() == size
          && members.stream().allMatch(m -> m.status().equals("Up") && m.reachable());
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(selfAddress).append(" sees [");
      for (int i = 0; i < members.size(); i++) {
        Member m = members.get(i);
        text.append(i == 0 ? "" : ", ").append(m.address()).append(' ').append(m.status())
            .append(m.reachable() ? "" : " unreachable");
      }
      return text.append(']').toString();
    }
  }

  /** GET /health/ready answered 200 within a few seconds. */
  public static boolean ready(URI node) {
    return get(node.resolve("/health/ready"), null).map(r -> r.statusCode() == 200).orElse(false);
  }

  /** GET /api/v1/admin/cluster, or empty when the node did not answer 200 in time. */
  public static Optional<View> view(URI node, String adminToken) {
    return get(node.resolve("/api/v1/admin/cluster"), adminToken)
        .filter(r -> r.statusCode() == 200)
        .map(r -> parse(r.body()));
  }

  static View parse(String body) {
    try {
      JsonNode json = SchedulerApiClient.MAPPER.readTree(body);
      List<Member> members = new ArrayList<>();
      for (JsonNode m : json.path("members")) {
        members.add(new Member(m.path("address").asText(), m.path("status").asText(),
            m.path("reachable").asBoolean(true)));
      }
      return new View(json.path("selfAddress").asText(), List.copyOf(members));
    } catch (IOException e) {
      throw new IllegalStateException("cluster view is not JSON: " + body, e);
    }
  }

  /**
   * Empty when every node runs, is ready, and sees all {@code size()} members Up and reachable;
   * otherwise what is missing, node by node.
   */
  public static Optional<String> notConverged(ClusterControl cluster) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      NodeState state = cluster.state(i);
      URI url = cluster.nodeUrls().get(i);
      if (state != NodeState.RUNNING) {
        problems.add("node " + i + " is " + state);
      } else if (!ready(url)) {
        problems.add("node " + i + " is not ready");
      } else {
        Optional<View> view = view(url, cluster.adminToken());
        if (view.isEmpty()) {
          problems.add("node " + i + " did not show its cluster view");
        } else if (!view.get().converged(cluster.size())) {
          problems.add("node " + i + ": " + view.get());
        }
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  /** Polls {@link #notConverged} until it is empty; throws with the last problems after the timeout. */
  public static Duration awaitConverged(ClusterControl cluster, Duration timeout) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    String last = "not checked";
    while (System.nanoTime() < deadline) {
      Optional<String> problems = notConverged(cluster);
      if (problems.isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      last = problems.get();
      Sleep.millis(250);
    }
    throw new IllegalStateException("cluster did not converge within " + timeout + ": " + last);
  }

  private static Optional<HttpResponse<String>> get(URI uri, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return Optional.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + uri, e);
    }
  }
}
