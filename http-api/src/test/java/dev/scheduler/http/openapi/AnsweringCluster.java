package dev.scheduler.http.openapi;

import dev.scheduler.protocol.admin.ClusterOperations;
import dev.scheduler.protocol.admin.NodeStats;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A cluster for the document's examples: the second member the leave example names is there
 * (the route tests' actor system is a cluster of one, which the example must not make leave).
 */
final class AnsweringCluster implements ClusterOperations {
  static final String SECOND_MEMBER = "pekko://scheduler@10.0.0.2:25520";

  @Override
  public CompletionStage<List<NodeStats>> gather() {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public Optional<String> leave(String address) {
    return SECOND_MEMBER.equals(address) ? Optional.of(address) : Optional.empty();
  }
}
