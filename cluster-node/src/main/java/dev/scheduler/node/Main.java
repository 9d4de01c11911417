package dev.scheduler.node;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import org.slf4j.LoggerFactory;

/** Starts one node with the configuration from application.conf and the environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    keepCommonPoolAThreadPool();
    SchedulerNode node;
    try {
      node = SchedulerNode.start(ConfigFactory.load(), Clock.systemUTC());
    } catch (RuntimeException e) {
      System.err.println("The node did not start: " + e.getMessage());
      LoggerFactory.getLogger(Main.class).error("The node did not start", e);
      System.exit(1);
      return;
    }
    announce(node);
  }

  // Asks answer through CompletableFutures whose later steps run on the JDK's default executor.
  // With fewer than three cores the common pool has one thread and that executor starts a thread
  // per step instead; two threads keep it a pool. Must run before anything touches ForkJoinPool.
  private static void keepCommonPoolAThreadPool() {
    String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(property) == null && Runtime.getRuntime().availableProcessors() < 3) {
      System.setProperty(property, "2");
    }
  }

  // The admin token is shown on the console once, when it is generated, and never logged.
  private static void announce(SchedulerNode node) {
    var secrets = node.secrets();
    System.out.println();
    System.out.println("Scheduler node is up at http://" + node.settings().httpHost() + ":" + node.httpPort() + "/");
    if (secrets.adminTokenGenerated()) {
      System.out.println("Admin token (shown once; also stored in " + secrets.adminTokenFile() + "):");
      System.out.println("  " + secrets.adminToken());
    } else if (!node.settings().clusterMode()) {
      System.out.println("Admin token: see " + secrets.adminTokenFile());
    }
    System.out.println();
  }
}
