package dev.scheduler.node.host;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.util.Try;

/**
 * Whether the journal can write an entity's events: each is serialized as the journal will
 * serialize it (the binding in {@code serialization.conf}, Jackson CBOR). An event the journal
 * cannot write makes Pekko stop the entity and every command queued behind it lose its answer;
 * checked before the persist, it is refused like any other invalid request instead.
 */
final class JournalSerializationCheck {
  private final Serialization serialization;

  JournalSerializationCheck(ActorSystem<?> system) {
    this.serialization = SerializationExtension.get(system);
  }

  /** Why the first event that cannot be written cannot, or empty when all can. */
  Optional<String> firstUnwritable(List<HostCalendarEvent> events) {
    for (HostCalendarEvent event : events) {
      Try<byte[]> bytes = serialization.serialize(event);
      if (bytes.isFailure()) {
        Throwable failure = bytes.failed().get();
        return Optional.of(event.getClass().getSimpleName() + ": " + failure.getClass().getSimpleName()
            + " " + firstLine(failure.getMessage()));
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
