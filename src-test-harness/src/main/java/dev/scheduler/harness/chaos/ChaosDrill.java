package dev.scheduler.harness.chaos;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the four faults once against {@code deploy/local-cluster.sh}'s cluster, without load, and
 * prints what each did: a manual check of the chaos levers. The load harness proper lives in the
 * cli package.
 *
 * <pre>java -cp ... dev.scheduler.harness.chaos.ChaosDrill deploy/local-cluster.sh [attach|loopback|netns] [hosts] [victim] [faults]</pre>
 * {@code faults} is a comma list of kill,pg,pause,partition (all by default). Other settings come
 * from the script's LOCAL_CLUSTER_* variables in this process's environment.
 */
public final class ChaosDrill {
  private ChaosDrill() {}

  public static void main(String[] args) {
    // The harness jar's console logging, as Harness.main sets it up; before the first logger is made.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "harness-logback.xml");
    }
    Path script = Path.of(args.length > 0 ? args[0] : "deploy/local-cluster.sh");
    String how = args.length > 1 ? args[1] : "attach";
    int hosts = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    int victim = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<String> wanted = List.of((args.length > 4 ? args[4] : "kill,pg,pause,partition").split(","));
    Map<String, String> env = Map.of();
    ClusterControl cluster = how.equals("attach") ? ScriptCluster.attach(script, env)
        : ScriptCluster.start(script, env, how.equals("netns"));
    try (cluster) {
      System.out.println("Cluster: " + cluster);
      List<RecoveryProbe.Target> targets = ProbeHosts.create(cluster, "Drill " + System.currentTimeMillis(), hosts);
      RecoveryProbe probe = RecoveryProbe.forCluster(cluster, RecoveryProbe.Settings.defaults(Clock.systemUTC()));
      System.out.println("Baseline: " + probe.measure(targets, Clock.systemUTC().instant()).summary());
      Faults.Plan plan = Faults.standard(cluster, ClusterTimings.DEFAULTS, victim);
      plan.skipped().forEach(s -> System.out.println("Skipped: " + s));
      FaultRunner runner = new FaultRunner(cluster, probe, targets, Clock.systemUTC());
      List<FaultRunner.FaultRun> runs = new ArrayList<>();
      for (Fault fault : plan.faults()) {
        if (wanted.stream().anyMatch(w -> matches(w, fault))) {
          FaultRunner.FaultRun run = runner.run(fault);
          runs.add(run);
          System.out.println(run.summary());
          run.duringFault().ifPresent(r -> r.perHost().forEach(line -> System.out.println("  during: " + line)));
          run.duringFault().ifPresent(r -> r.attempts().stream()
              .filter(a -> !a.answer().equals("200") && !a.answer().equals("201"))
              .forEach(a -> System.out.println("  failed: " + a)));
        }
      }
      System.out.println("---");
      runs.forEach(r -> System.out.println(r.summary()));
    }
  }

  private static boolean matches(String wanted, Fault fault) {
    switch (wanted.trim()) {
      case "kill":
        return fault instanceof KillNode;
      case "pg":
        return fault instanceof RestartDatabase;
      case "pause":
        return fault instanceof PauseNode;
      case "partition":
        return fault instanceof PartitionNode;
      default:
        return false;
    }
  }
}
