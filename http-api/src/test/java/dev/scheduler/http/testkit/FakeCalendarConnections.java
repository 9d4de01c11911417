package dev.scheduler.http.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.CalendarConnections;
import dev.scheduler.protocol.connection.HostConnectionView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * {@link CalendarConnections} that records each call with its arguments and answers from a script:
 * by default a plausible connection, list or URL; or a refusal, a timeout or a failure. Push
 * channels are known only when a test registers them.
 */
public final class FakeCalendarConnections implements CalendarConnections {
  public static final String AUTHORIZATION_URL = "https://accounts.google.com/o/oauth2/v2/auth?state=signed";
  public static final String ACCOUNT = "ann@example.com";

  /** One call: the method's name and its arguments in order (host id and access first where it has them). */
  public record Call(String method, List<Object> arguments) {}

  /** A push notification that reached a connection's sync. */
  public record Sync(String connectionId, String reason) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Sync> syncs = new CopyOnWriteArrayList<>();
  private final Map<List<String>, String> channels = new ConcurrentHashMap<>();
  private volatile Function<Call, CompletionStage<?>> answers = call -> CompletableFuture.completedFuture(sample(call));

  public void answer(Object reply) {
    answers = call -> CompletableFuture.completedFuture(reply);
  }

  public void refuse(RejectionCode code, String message) {
    answers = call -> Answers.refused(code, message);
  }

  public void timeOut() {
    answers = call -> Answers.timedOut();
  }

  public void fail(Throwable failure) {
    answers = call -> CompletableFuture.failedFuture(failure);
  }

  /** Push notifications with this channel id and token are for {@code connectionId}. */
  public void knowChannel(String channelId, String channelToken, String connectionId) {
    channels.put(List.of(channelId, channelToken), connectionId);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Sync> syncs() {
    return List.copyOf(syncs);
  }

  public Call onlyCall() {
    assertThat(calls).as("calls of the connection workflows").hasSize(1);
    return calls.get(0);
  }

  public void assertNothingCalled() {
    assertThat(calls).as("calls of the connection workflows").isEmpty();
    assertThat(syncs).as("syncs started").isEmpty();
  }

  @Override
  public CompletionStage<HostConnectionView> addIcsFeed(
      String hostId, Access access, String url) {
    return call("addIcsFeed", hostId, access, url);
  }

  @Override
  public CompletionStage<HostConnectionView> configure(String hostId, Access access,
      String connectionId, Boolean countsForConflicts, Boolean receivesBookings) {
    return call("configure", hostId, access, connectionId, countsForConflicts, receivesBookings);
  }

  @Override
  public CompletionStage<List<HostConnectionView>> list(String hostId, Access access) {
    return call("list", hostId, access);
  }

  @Override
  public CompletionStage<HostConnectionView> remove(
      String hostId, Access access, String connectionId) {
    return call("remove", hostId, access, connectionId);
  }

  @Override
  public CompletionStage<HostConnectionView> pause(String hostId, Access access, String connectionId) {
    return call("pause", hostId, access, connectionId);
  }

  @Override
  public CompletionStage<HostConnectionView> resume(String hostId, Access access, String connectionId) {
    return call("resume", hostId, access, connectionId);
  }

  @Override
  public CompletionStage<AccountCalendarChoices> accountCalendars(String hostId, Access access, String connectionId) {
    return call("accountCalendars", hostId, access, connectionId);
  }

  @Override
  public CompletionStage<AddedConnection> addAccountCalendar(
      String hostId, Access access, String connectionId, String calendarId) {
    return call("addAccountCalendar", hostId, access, connectionId, calendarId);
  }

  @Override
  public CompletionStage<String> googleAuthorizationUrl(String hostId, Access access) {
    return call("googleAuthorizationUrl", hostId, access);
  }

  @Override
  public CompletionStage<HostConnectionView> completeGoogleConnection(
      String code, String state) {
    return call("completeGoogleConnection", code, state);
  }

  @Override
  public Optional<String> connectionOfChannel(String channelId, String channelToken) {
    return Optional.ofNullable(channels.get(List.of(channelId, channelToken)));
  }

  @Override
  public void syncNow(String connectionId, String reason) {
    syncs.add(new Sync(connectionId, reason));
  }

  @SuppressWarnings("unchecked")
  private <T> CompletionStage<T> call(String method, Object... arguments) {
    Call call = new Call(method, Arrays.asList(arguments));
    calls.add(call);
    return (CompletionStage<T>) answers.apply(call);
  }

  private static Object sample(Call call) {
    List<Object> args = call.arguments();
    return switch (call.method()) {
      case "addIcsFeed" -> Samples.hostView(Samples.icsConnection("c-ics", (String) args.get(0)));
      case "configure", "remove", "pause", "resume" -> Samples.hostView(Samples.icsConnection((String) args.get(2), (String) args.get(0)));
      case "list" -> List.of(Samples.hostView(Samples.icsConnection("c-ics", (String) args.get(0))));
      case "accountCalendars" -> Samples.accountCalendars(ACCOUNT, (String) args.get(2));
      case "addAccountCalendar" -> new AddedConnection(true,
          Samples.hostView(Samples.googleConnection("c-second", (String) args.get(0), ACCOUNT)));
      case "googleAuthorizationUrl" -> AUTHORIZATION_URL;
      case "completeGoogleConnection" -> Samples.hostView(Samples.googleConnection("c-google", "h", ACCOUNT));
      default -> throw new IllegalArgumentException("no sample answer to " + call.method());
    };
  }
}
