package dev.scheduler.http.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.UniqueAddress;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Who cannot reach whom, from the reachability table the cluster gossips (each member's failure
 * detector reports its own view into it). Pekko's public API gives only this node's view
 * ({@code state().getUnreachable()}); the whole table is the {@code readView} that Pekko
 * Management's {@code /cluster/members} reads too, public in the bytecode though package-private
 * in Scala.
 */
final class ReachabilityTable {
  private ReachabilityTable() {}

  /** Unreachable member address to the addresses of the members that observe it so, sorted. */
  static Map<String, List<String>> observersByUnreachable(ActorSystem<?> system) {
    var grouped = Cluster.get(Adapter.toClassic(system)).readView().reachability().observersGroupedByUnreachable();
    Map<String, List<String>> table = new TreeMap<>();
    CollectionConverters.asJava(grouped).forEach((subject, observers) -> {
      List<String> names = new ArrayList<>();
      for (UniqueAddress observer : CollectionConverters.asJava(observers)) {
        names.add(observer.address().toString());
      }
      names.sort(String::compareTo);
      table.put(subject.address().toString(), names);
    });
    return table;
  }
}
