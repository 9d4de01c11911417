package dev.scheduler.node.admin;

import dev.scheduler.protocol.admin.GetNodeStats;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** One per node, registered with the receptionist: answers the console's {@link GetNodeStats}. */
public final class NodeStatsReporter {
  public static final ServiceKey<GetNodeStats> KEY = ServiceKey.create(GetNodeStats.class, "node-stats");

  private NodeStatsReporter() {}

  public static Behavior<GetNodeStats> create(NodeStatsSampler sampler) {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      return Behaviors.receiveMessage(ask -> {
        ask.replyTo().tell(sampler.sample());
        return Behaviors.same();
      });
    });
  }
}
