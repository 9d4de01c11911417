package dev.scheduler.harness.chaos;

/** What a node's OS process is doing, as far as signals go. */
public enum NodeState {
  RUNNING,
  /** Stopped by SIGSTOP. */
  PAUSED,
  /** Not running: killed, exited (a downed node exits), or never started. */
  EXITED
}
