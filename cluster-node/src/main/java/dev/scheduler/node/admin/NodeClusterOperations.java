package dev.scheduler.node.admin;

import dev.scheduler.protocol.admin.ClusterOperations;
import dev.scheduler.protocol.admin.GetNodeStats;
import dev.scheduler.protocol.admin.NodeStats;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Leave;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Gathers every node's stats (the reporters the receptionist lists, each asked once with a short
 * timeout: a node that is down or slow is left out rather than holding the console's answer), and
 * asks a member to leave through this node's cluster manager.
 */
public final class NodeClusterOperations implements ClusterOperations {
  private final ActorSystem<?> system;
  private final Duration timeout;

  public NodeClusterOperations(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<List<NodeStats>> gather() {
    CompletionStage<Receptionist.Listing> listing = AskPattern.ask(system.receptionist(),
        replyTo -> Receptionist.find(NodeStatsReporter.KEY, replyTo), timeout, system.scheduler());
    return listing.thenCompose(found -> {
      List<CompletableFuture<Optional<NodeStats>>> asks = found.getServiceInstances(NodeStatsReporter.KEY).stream()
          .map(this::ask)
          .toList();
      return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> asks.stream()
          .flatMap(a -> a.join().stream())
          .sorted(Comparator.comparing(NodeStats::address))
          .toList());
    });
  }

  @Override
  public Optional<String> leave(String address) {
    Cluster cluster = Cluster.get(system);
    Optional<Address> member = StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .map(Member::address)
        .filter(a -> a.toString().equals(address))
        .findFirst();
    member.ifPresent(a -> cluster.manager().tell(Leave.create(a)));
    return member.map(Address::toString);
  }

  private CompletableFuture<Optional<NodeStats>> ask(ActorRef<GetNodeStats> reporter) {
    CompletionStage<NodeStats> answer = AskPattern.ask(reporter, GetNodeStats::new, timeout, system.scheduler());
    return answer.toCompletableFuture().thenApply(Optional::of).exceptionally(unanswered -> Optional.empty());
  }
}
