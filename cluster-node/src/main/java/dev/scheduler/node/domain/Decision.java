package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.List;
import java.util.function.Function;

/**
 * What the domain decided about one command: refuse it, answer without change, or persist events
 * and answer from the state they lead to. The entity turns each into a Pekko effect.
 */
public sealed interface Decision<R> {

  record Reject<R>(Rejection rejection) implements Decision<R> {}

  record Answer<R>(R reply) implements Decision<R> {}

  record Persist<R>(List<HostCalendarEvent> events, Function<HostCalendarState, R> reply)
      implements Decision<R> {}

  static <R> Decision<R> reject(RejectionCode code, String message) {
    return new Reject<>(Rejection.of(code, message));
  }

  /** A check that passed: chain the next step with {@link #orElse}. */
  static Decision<Void> pass() {
    return new Answer<>(null);
  }

  static <R> Decision<R> answer(R reply) {
    return new Answer<>(reply);
  }

  static <R> Decision<R> persist(HostCalendarEvent event, Function<HostCalendarState, R> reply) {
    return new Persist<>(List.of(event), reply);
  }

  /** Continues with {@code next} unless this is a rejection, which is passed on unchanged. */
  default <T> Decision<T> orElse(java.util.function.Supplier<Decision<T>> next) {
    if (this instanceof Reject<R> reject) {
      return new Reject<>(reject.rejection());
    }
    return next.get();
  }
}
