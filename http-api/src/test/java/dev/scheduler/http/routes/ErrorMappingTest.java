package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** How refusals, timeouts and failures of the entities become HTTP answers, on every route. */
class ErrorMappingTest extends ApiRouteTest {
  private static final Map<RejectionCode, Integer> STATUS = Map.ofEntries(
      Map.entry(RejectionCode.INVALID_REQUEST, 400),
      Map.entry(RejectionCode.UNAUTHORIZED, 401),
      Map.entry(RejectionCode.FORBIDDEN, 403),
      Map.entry(RejectionCode.NOT_FOUND, 404),
      Map.entry(RejectionCode.SLOT_UNAVAILABLE, 409),
      Map.entry(RejectionCode.CONFLICT, 409),
      Map.entry(RejectionCode.CHANGE_TOO_LATE, 409),
      Map.entry(RejectionCode.IDEMPOTENCY_CONFLICT, 422),
      Map.entry(RejectionCode.LIMIT_EXCEEDED, 422),
      Map.entry(RejectionCode.PROVIDER_UNAVAILABLE, 502),
      Map.entry(RejectionCode.EXPIRED, 503));

  private static final String BOOKING = json("""
      {'eventType':'intro','start':'2027-03-15T13:00:00Z',
       'invitee':{'name':'Bo','email':'bo@example.com','timeZone':'Europe/Paris'}}""");

  /** One request for every route that asks a host entity. */
  static Stream<String> hostRoutes() {
    return Stream.of(
        "POST /api/v1/hosts",
        "GET /api/v1/hosts/{host}",
        "POST /api/v1/hosts/{host}/tokens",
        "PUT /api/v1/hosts/{host}/schedule",
        "GET /api/v1/hosts/{host}/schedule",
        "PUT /api/v1/hosts/{host}/event-types/intro",
        "GET /api/v1/hosts/{host}/event-types",
        "PUT /api/v1/hosts/{host}/busy/work",
        "GET /api/v1/hosts/{host}/event-types/intro/slots?start=2027-03-15&end=2027-03-16",
        "POST /api/v1/hosts/{host}/bookings",
        "GET /api/v1/hosts/{host}/bookings",
        "GET /api/v1/hosts/{host}/bookings/b1",
        "POST /api/v1/hosts/{host}/bookings/b1/cancel",
        "POST /api/v1/hosts/{host}/bookings/b1/reschedule");
  }

  /** A valid request for a route of {@link #hostRoutes()}, with the admin token (which every route accepts). */
  private HttpRequest request(String route) {
    String[] parts = route.split(" ");
    String uri = parts[1].replace("{host}", hostId);
    String body = switch (uri.replaceAll("\\?.*", "").replace(hostId, "H")) {
      case "/api/v1/hosts" -> json("{'name':'Ann','email':'ann@example.com','timeZone':'UTC'}");
      case "/api/v1/hosts/H/schedule" -> json("{'timeZone':'UTC','weekly':{'MONDAY':[{'start':'09:00','end':'17:00'}]}}");
      case "/api/v1/hosts/H/event-types/intro" -> json("{'title':'Intro','durationMinutes':30}");
      case "/api/v1/hosts/H/busy/work" -> json("{'intervals':[]}");
      case "/api/v1/hosts/H/bookings" -> BOOKING;
      case "/api/v1/hosts/H/bookings/b1/cancel", "/api/v1/hosts/H/tokens" -> "";
      case "/api/v1/hosts/H/bookings/b1/reschedule" -> json("{'start':'2027-03-16T13:00:00Z'}");
      default -> null;
    };
    HttpRequest request = switch (parts[0]) {
      case "GET" -> get(uri);
      case "PUT" -> put(uri, body);
      default -> post(uri, body);
    };
    return bearer(request, ADMIN_TOKEN);
  }

  @ParameterizedTest
  @EnumSource(RejectionCode.class)
  void everyRefusalOfTheEntityHasItsStatusAndKeepsItsMessage(RejectionCode code) {
    entities.refuse(code, "The entity says no (" + code + ").");
    var result = run(request("POST /api/v1/hosts/{host}/bookings"));

    var body = assertError(result, STATUS.get(code), code.wireName());
    assertThat(body.path("message").asText()).isEqualTo("The entity says no (" + code + ").");
    if (code == RejectionCode.EXPIRED) {
      assertRetryAfter(result);
    } else {
      assertNoRetryAfter(result);
    }
  }

  @ParameterizedTest
  @MethodSource("hostRoutes")
  void aRefusalMapsTheSameOnEveryRoute(String route) {
    entities.refuse(RejectionCode.NOT_FOUND, "No such host.");
    assertError(run(request(route)), 404, "not_found");
    assertThat(entities.asked()).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("hostRoutes")
  void aTimeoutIs503WithRetryAfterOnEveryRoute(String route) {
    entities.timeOut();
    var result = run(request(route));
    assertError(result, 503, "unavailable");
    assertRetryAfter(result);
  }

  @Test
  void aTimedOutBookingIsNeverAConflict() {
    entities.timeOut();
    var result = run(request("POST /api/v1/hosts/{host}/bookings"));
    var body = assertError(result, 503, "unavailable");
    assertThat(body.path("message").asText()).contains("Idempotency-Key");
    assertRetryAfter(result);
  }

  @Test
  void aTimeoutWrappedInAnExecutionExceptionIsStill503() {
    entities.fail(new ExecutionException(new TimeoutException("late")));
    assertError(run(request("GET /api/v1/hosts/{host}")), 503, "unavailable");
  }

  @Test
  void aRefusalWrappedInACompletionExceptionKeepsItsStatus() {
    entities.fail(new CompletionException(
        new StatusReply.ErrorMessage(Rejection.of(RejectionCode.SLOT_UNAVAILABLE, "Taken.").toStatusText())));
    assertError(run(request("POST /api/v1/hosts/{host}/bookings")), 409, "slot_unavailable");
  }

  @Test
  void aStatusReplyErrorThatIsNotARejectionIs500() {
    entities.fail(new StatusReply.ErrorMessage("something unexpected"));
    var body = assertError(run(request("GET /api/v1/hosts/{host}")), 500, "internal");
    assertThat(body.path("message").asText()).doesNotContain("something unexpected");
  }

  @Test
  void anUnexpectedFailureIs500WithoutInternals() {
    entities.fail(new IllegalStateException("secret internals of dev.scheduler.node"));
    var result = run(request("POST /api/v1/hosts/{host}/bookings"));
    assertError(result, 500, "internal");
    assertThat(result.entityString()).doesNotContain("secret").doesNotContain("IllegalStateException")
        .doesNotContain("dev.scheduler").doesNotContain("\tat ");
  }

  @Test
  void aClientThatThrowsInsteadOfFailingTheStageIs500Json() {
    entities.answerWith(command -> {
      throw new IllegalStateException("secret internals");
    });
    var result = run(request("GET /api/v1/hosts/{host}/bookings/b1"));
    assertError(result, 500, "internal");
    assertThat(result.entityString()).doesNotContain("secret");
  }

  @Test
  void aRefusalFromTheConnectionWorkflowsMapsLikeTheEntitys() {
    connections.refuse(RejectionCode.CONFLICT, "That calendar is connected already.");
    assertError(run(bearer(post(hostPath("/calendars/ics"), json("{'url':'https://example.com/a.ics'}")), hostToken)),
        409, "conflict");
  }

  @Test
  void aWrongMethodIs405WithTheAllowedMethods() {
    var result = run(bearer(HttpRequest.PATCH(hostPath("/schedule")), hostToken));
    assertError(result, 405, "method_not_allowed");
    assertThat(result.response().getHeader("Allow"))
        .hasValueSatisfying(h -> assertThat(h.value()).contains("PUT").contains("GET"));
  }
}
