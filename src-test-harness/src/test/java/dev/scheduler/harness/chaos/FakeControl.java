package dev.scheduler.harness.chaos;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A ClusterControl over FakeProbeCluster's nodes that records the levers pulled. */
final class FakeControl implements ClusterControl {
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final FakeProbeCluster api;
  private final NodeState[] states;
  boolean partitionable = true;
  boolean databaseRestartable = true;
  /** A resumed or reconnected node exits, as a downed node does. */
  boolean downedNodesExit = true;

  FakeControl(FakeProbeCluster api) {
    this.api = api;
    this.states = new NodeState[api.urls().size()];
    Arrays.fill(states, NodeState.RUNNING);
    api.healthy(n -> states[n] == NodeState.RUNNING);
  }

  @Override
  public List<URI> nodeUrls() {
    return api.urls();
  }

  @Override
  public String adminToken() {
    return FakeProbeCluster.ADMIN;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://fake/none";
  }

  @Override
  public String jdbcUser() {
    return "postgres";
  }

  @Override
  public String jdbcPassword() {
    return "";
  }

  @Override
  public synchronized void kill(int node) {
    calls.add("kill " + node);
    states[node] = NodeState.EXITED;
  }

  @Override
  public synchronized void start(int node) {
    calls.add("start " + node);
    states[node] = NodeState.RUNNING;
  }

  @Override
  public synchronized void pause(int node) {
    calls.add("pause " + node);
    states[node] = NodeState.PAUSED;
  }

  @Override
  public synchronized void resume(int node) {
    calls.add("resume " + node);
    states[node] = downedNodesExit ? NodeState.EXITED : NodeState.RUNNING;
  }

  @Override
  public synchronized NodeState state(int node) {
    return states[node];
  }

  @Override
  public Optional<String> databaseRestartUnavailable() {
    return databaseRestartable ? Optional.empty() : Optional.of("external database");
  }

  @Override
  public void restartDatabase() {
    calls.add("restartDatabase");
  }

  @Override
  public void stopDatabase() {
    calls.add("stopDatabase");
  }

  @Override
  public void startDatabase() {
    calls.add("startDatabase");
  }

  @Override
  public Optional<String> partitionUnavailable() {
    return partitionable ? Optional.empty() : Optional.of("loopback only");
  }

  @Override
  public synchronized void partition(int node) {
    if (!partitionable) {
      throw new UnsupportedOperationException("loopback only");
    }
    calls.add("partition " + node);
    if (downedNodesExit) {
      states[node] = NodeState.EXITED; // the lone side downs itself during the cut
    }
  }

  @Override
  public void heal(int node) {
    calls.add("heal " + node);
  }

  @Override
  public void close() {
    calls.add("close");
  }
}
