package dev.scheduler.protocol;

import java.util.concurrent.CompletionStage;

/** What the health routes ask of the node. */
public interface NodeHealth {
  /** Ready once the node has joined the cluster and its journal answers. */
  CompletionStage<Boolean> isReady();

  /**
   * Alive unless the journal has been failing for longer than the node is configured to wait: a
   * node whose database is gone for good (say, an embedded database that closed itself) should
   * be replaced, while a short outage (a database restart) should not kill it.
   */
  boolean isAlive();
}
