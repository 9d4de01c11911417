package dev.scheduler.node.readside;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/** Runs a {@link SideEffectHandler} for the projection; the offset is stored once its stage completes. */
final class SideEffectAdapter extends Handler<EventEnvelope<HostCalendarEvent>> {
  private final SideEffectHandler handler;

  SideEffectAdapter(SideEffectHandler handler) {
    this.handler = handler;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<HostCalendarEvent> envelope) {
    return handler.handle(ReadSide.hostEvent(envelope)).thenApply(ignored -> Done.getInstance());
  }
}
