package dev.scheduler.harness.chaos;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A running three-node cluster and its journal database, with the levers a chaos run pulls. Nodes
 * are numbered from 0, in the order of {@link #nodeUrls()}. Every method blocks until its action
 * is done (a started node answers /health/ready with 200; a killed one has exited).
 */
public interface ClusterControl extends AutoCloseable {

  /** Each node's HTTP base URL, such as http://127.0.0.1:8081. */
  List<URI> nodeUrls();

  default int size() {
    return nodeUrls().size();
  }

  /** The bearer token that creates hosts and reads the cluster view, the same on every node. */
  String adminToken();

  /** The journal database as this JVM reaches it (for the auditor). */
  String jdbcUrl();

  String jdbcUser();

  String jdbcPassword();

  /** SIGKILL: no shutdown hooks, no leaving the cluster, like a crashed machine. */
  void kill(int node);

  /** Starts a node that is not running and waits until /health/ready answers 200. */
  void start(int node);

  /** SIGSTOP: the process freezes with its sockets open, like a long GC pause. */
  void pause(int node);

  /** SIGCONT after {@link #pause}. */
  void resume(int node);

  /** Whether the node's process is running, frozen, or gone (killed, downed and exited, never started). */
  NodeState state(int node);

  /** Empty when the database can be stopped and restarted; else why not (an external database). */
  Optional<String> databaseRestartUnavailable();

  /** Stops PostgreSQL (fast shutdown: sessions are cut) and starts it again on the same port and data. */
  void restartDatabase();

  /** The first half of {@link #restartDatabase()}, for an outage of a chosen length. */
  void stopDatabase();

  void startDatabase();

  /** Empty when {@link #partition} works here; else the precise reason it cannot. */
  Optional<String> partitionUnavailable();

  default boolean canPartition() {
    return partitionUnavailable().isEmpty();
  }

  /**
   * Cuts the node off from the other nodes (cluster remoting both ways). Clients and the database
   * still reach it: the two sides of the cut both see a working journal, which is the split brain
   * the resolver exists for.
   */
  void partition(int node);

  /** Mends the cut made by {@link #partition}; does nothing more (the node may have exited meanwhile). */
  void heal(int node);

  /** Stops every node and whatever database this control started. */
  @Override
  void close();
}
