package dev.scheduler.protocol;

import java.util.concurrent.CompletionStage;

/** What the health routes ask of the node. */
public interface NodeHealth {
  /** Ready once the node has joined the cluster and its journal answers. */
  CompletionStage<Boolean> isReady();
}
