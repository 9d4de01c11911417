package dev.scheduler.harness.postgres;

import java.nio.file.Path;

/** One way of running a private PostgreSQL in a work directory the harness deletes afterwards. */
interface PostgresBackend {
  /** Starts the server (the first call also creates the cluster); throws with the log tail. */
  void start();

  /** Stops the server and waits until it has gone; the data directory stays. */
  void stop();

  int port();

  Path workDir();

  /** The last lines of the server's log, for failure messages. */
  String logTail(int lines);
}
