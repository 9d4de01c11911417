package dev.scheduler.http.testkit;

import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.StatusReply;

/** Failed answers shaped as the node's real clients fail them. */
public final class Answers {
  private Answers() {}

  /**
   * An entity's refusal, as {@code askWithStatus} delivers it: a {@link StatusReply.ErrorMessage}
   * whose text is the rejection's status text.
   */
  public static <T> CompletionStage<T> refused(RejectionCode code, String message) {
    return CompletableFuture.failedFuture(new StatusReply.ErrorMessage(Rejection.of(code, message).toStatusText()));
  }

  /** An ask that ran out of time: Pekko's {@link AskTimeoutException} is a {@code TimeoutException}. */
  public static <T> CompletionStage<T> timedOut() {
    return CompletableFuture.failedFuture(new AskTimeoutException(
        "Ask timed out on [EntityRef(HostCalendar)] after [5000 ms]. Message of type [Book]."));
  }
}
