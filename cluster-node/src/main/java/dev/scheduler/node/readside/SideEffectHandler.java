package dev.scheduler.node.readside;

import java.util.concurrent.CompletionStage;

/**
 * An at-least-once read side, for effects outside the database (mail, webhooks). The home stores
 * the offset in batches after the effects complete, so after a crash the last events of the batch
 * come again: the handler makes them harmless with {@link HostEvent#eventId()}. A failed stage
 * restarts the projection from its stored offset, after a backoff.
 */
@FunctionalInterface
public interface SideEffectHandler {
  CompletionStage<?> handle(HostEvent event);
}
