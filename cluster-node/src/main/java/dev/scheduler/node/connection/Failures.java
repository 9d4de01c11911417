package dev.scheduler.node.connection;

import java.util.concurrent.CompletionException;

/** Provider calls run in futures, which wrap what went wrong; the sync acts on the cause. */
final class Failures {
  private Failures() {}

  static Throwable causeOf(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
