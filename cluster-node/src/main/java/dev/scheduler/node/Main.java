package dev.scheduler.node;

import com.typesafe.config.ConfigFactory;
import dev.scheduler.node.config.NodeSecrets;
import java.nio.file.Path;
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

  private static void announce(SchedulerNode node) {
    String url = "http://" + node.settings().httpHost() + ":" + node.httpPort() + "/";
    System.out.println();
    System.out.print(notice(url, node.secrets(), node.settings().clusterMode(), Path.of("").toAbsolutePath()));
    System.out.println();
  }

  /**
   * What the console says at start. The admin token itself is never printed (consoles end up in
   * logs and terminals' scrollback): the notice says which owner-only file holds it and how to
   * read it.
   */
  static String notice(String url, NodeSecrets secrets, boolean clusterMode, Path workingDirectory) {
    StringBuilder text = new StringBuilder("Scheduler node is up at ").append(url).append('\n');
    Path file = secrets.adminTokenFile();
    String shown = file.startsWith(workingDirectory) ? workingDirectory.relativize(file).toString() : file.toString();
    if (secrets.adminTokenGenerated()) {
      text.append("An admin token was generated into ").append(shown)
          .append(" (readable by this user only). Read it with:\n  cat ").append(shown).append('\n');
    } else if (!clusterMode) {
      text.append("Admin token: cat ").append(shown).append('\n');
    }
    return text.toString();
  }
}
