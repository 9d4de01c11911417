package dev.scheduler.http.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.calendar.HostCalendarCommand;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * An {@link EntityClient} that records every command a route builds (built with a null reply-to:
 * commands are records) and answers from a script: by default what a healthy entity would answer
 * ({@link Samples#replyTo}); or a refusal, a timeout or any failure, delivered as the sharded
 * client delivers them.
 */
public final class FakeEntityClient implements EntityClient {
  public static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  /** What {@link #answerBy()} returns: a fixed instant, so a test can see it travel in a command. */
  public static final Instant ANSWER_BY = Instant.parse("2027-03-01T13:00:05Z");

  /** One ask: the entity it went to and the command. */
  public record Asked(String entityId, Object command) {}

  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private final List<Asked> told = new CopyOnWriteArrayList<>();
  private volatile BiFunction<String, HostCalendarCommand, CompletionStage<?>> hostAnswers =
      (hostId, command) -> CompletableFuture.completedFuture(Samples.replyTo(hostId, command));

  /** Every ask of a host entity answers {@code reply}. */
  public void answer(Object reply) {
    hostAnswers = (hostId, command) -> CompletableFuture.completedFuture(reply);
  }

  /** Every ask of a host entity is answered by {@code answers} (which may also fail or never complete). */
  public void answerWith(Function<HostCalendarCommand, CompletionStage<?>> answers) {
    hostAnswers = (hostId, command) -> answers.apply(command);
  }

  /** The entity refuses every command with {@code code}. */
  public void refuse(RejectionCode code, String message) {
    hostAnswers = (hostId, command) -> Answers.refused(code, message);
  }

  /** No entity answers in time. */
  public void timeOut() {
    hostAnswers = (hostId, command) -> Answers.timedOut();
  }

  /** Every ask fails with {@code failure}: a bug somewhere, not a refusal. */
  public void fail(Throwable failure) {
    hostAnswers = (hostId, command) -> CompletableFuture.failedFuture(failure);
  }

  @Override
  public Duration askTimeout() {
    return ASK_TIMEOUT;
  }

  @Override
  public Instant answerBy() {
    return ANSWER_BY;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> CompletionStage<R> askHost(
      String hostId, Function<ActorRef<StatusReply<R>>, HostCalendarCommand> command) {
    HostCalendarCommand built = command.apply(null);
    asked.add(new Asked(hostId, built));
    return (CompletionStage<R>) hostAnswers.apply(hostId, built);
  }

  @Override
  public <R> CompletionStage<R> askConnection(
      String connectionId, Function<ActorRef<StatusReply<R>>, ConnectionCommand> command) {
    asked.add(new Asked(connectionId, command.apply(null)));
    return CompletableFuture.failedFuture(new UnsupportedOperationException("routes do not ask connections"));
  }

  @Override
  public void tellConnection(String connectionId, ConnectionCommand command) {
    told.add(new Asked(connectionId, command));
  }

  /** Every ask so far, in order. */
  public List<Asked> asked() {
    return List.copyOf(asked);
  }

  public List<Asked> told() {
    return List.copyOf(told);
  }

  /** The one command of this request, which must be of {@code type} and go to {@code hostId}. */
  public <T extends HostCalendarCommand> T onlyCommand(String hostId, Class<T> type) {
    assertThat(asked).as("asks of entities").hasSize(1);
    Asked only = asked.get(0);
    assertThat(only.entityId()).as("the entity asked").isEqualTo(hostId);
    assertThat(only.command()).as("the command").isInstanceOf(type);
    return type.cast(only.command());
  }

  /** The request was refused before any entity heard of it. */
  public void assertNothingAsked() {
    assertThat(asked).as("asks of entities").isEmpty();
    assertThat(told).as("messages told to entities").isEmpty();
  }
}
