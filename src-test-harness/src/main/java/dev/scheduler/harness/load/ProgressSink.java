package dev.scheduler.harness.load;

/** Receives a snapshot of a running load once a second (on the load's timer thread: return quickly). */
@FunctionalInterface
public interface ProgressSink {
  ProgressSink NONE = snapshot -> {};

  void onProgress(ProgressSnapshot snapshot);

  /** Prints {@link ProgressSnapshot#line()} on stderr. */
  static ProgressSink stderr() {
    return snapshot -> System.err.println(snapshot.line());
  }
}
