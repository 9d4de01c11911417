package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.http.testkit.FakeCalendarConnections;
import dev.scheduler.http.testkit.FakeCalendarConnections.Call;
import dev.scheduler.http.testkit.Samples;
import dev.scheduler.http.auth.Tokens;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.CalendarConnections.AddedConnection;
import java.util.Arrays;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/hosts/{hostId}/calendars}: the host's external calendars, through the connection workflows. */
class CalendarRoutesTest extends ApiRouteTest {

  private HttpRequest asHost(HttpRequest request) {
    return bearer(request, hostToken);
  }

  private void assertCalled(String method, Object... arguments) {
    Call call = connections.onlyCall();
    assertThat(call.method()).isEqualTo(method);
    assertThat(call.arguments()).isEqualTo(Arrays.asList(arguments));
  }

  @Test
  void theHostListsItsCalendars() {
    var body = assertOk(run(asHost(get(hostPath("/calendars")))), 200);
    assertCalled("list", hostId, hostAccess(hostToken));
    assertThat(body.path("calendars").get(0).path("provider").asText()).isEqualTo("ics");
    entities.assertNothingAsked();
  }

  @Test
  void withoutATokenTheWorkflowHearsAnAnonymousCaller() {
    run(get(hostPath("/calendars")));
    assertCalled("list", hostId, Access.anonymous());
  }

  @Test
  void aHostTokenInTheQueryIsRefused() {
    assertError(run(get(hostPath("/calendars?token=" + hostToken))), 400, "invalid_request");
    connections.assertNothingCalled();
  }

  @Test
  void aBookingTokenIsPassedForTheHostToJudge() {
    run(bearer(get(hostPath("/calendars")), bookingToken("b1")));
    assertCalled("list", hostId, Access.bookingToken("b1"));
  }

  @Test
  void anotherHostsTokenIs403BeforeAnyWorkflow() {
    assertError(run(bearer(get(hostPath("/calendars")), Tokens.newHostToken(Ids.newId()))), 403, "forbidden");
    assertError(run(bearer(post(hostPath("/calendars/ics"), json("{'url':'https://example.com/a.ics'}")),
        Tokens.newHostToken(Ids.newId()))), 403, "forbidden");
    connections.assertNothingCalled();
  }

  @Test
  void anUnrecognisedTokenIs401() {
    assertError(run(bearer(delete(hostPath("/calendars/c1")), "nonsense")), 401, "unauthorized");
    connections.assertNothingCalled();
  }

  @Test
  void addingAFeedSendsItsUrl() {
    var body = assertOk(run(asHost(post(hostPath("/calendars/ics"),
        json("{'url':'  https://example.com/cal/basic.ics?key=1  '}")))), 201);
    assertCalled("addIcsFeed", hostId, hostAccess(hostToken), "https://example.com/cal/basic.ics?key=1");
    assertThat(body.path("id").asText()).isEqualTo("c-ics");
  }

  @Test
  void aWebcalFeedIsReadOverHttps() {
    run(asHost(post(hostPath("/calendars/ics"), json("{'url':'webcal://example.com/basic.ics'}"))));
    assertCalled("addIcsFeed", hostId, hostAccess(hostToken), "https://example.com/basic.ics");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{'url':''}", "{'url':'  '}", "{'url':'ftp://example.com/a.ics'}",
      "{'url':'file:///etc/passwd'}", "{'url':'example.com/a.ics'}", "{'url':'http://'}", "{'url':'http://exa mple.com/'}",
      "{'url':['https://example.com/a.ics']}", "{"})
  void aBadFeedUrlIs400(String badBody) {
    assertError(run(asHost(post(hostPath("/calendars/ics"), json(badBody)))), 400, "invalid_request");
    connections.assertNothingCalled();
  }

  @Test
  void aFeedUrlWithAnUnpairedSurrogateIs400() {
    assertError(run(asHost(post(hostPath("/calendars/ics"), json("{'url':'https://example.com/\\udbff.ics'}")))),
        400, "invalid_request");
    connections.assertNothingCalled();
  }

  @Test
  void aFeedUrlOver2048CharactersIs400() {
    String url = "https://example.com/" + "a".repeat(2030);
    assertError(run(asHost(post(hostPath("/calendars/ics"), json("{'url':'" + url + "'}")))), 400, "invalid_request");
    connections.assertNothingCalled();
  }

  @Test
  void connectingGoogleAnswersTheConsentUrl() {
    var body = assertOk(run(asHost(get(hostPath("/calendars/google/connect")))), 200);
    assertCalled("googleAuthorizationUrl", hostId, hostAccess(hostToken));
    assertThat(body.path("authorizationUrl").asText()).isEqualTo(FakeCalendarConnections.AUTHORIZATION_URL);
  }

  @Test
  void theCalendarsOfAnAccountAreListed() {
    var body = assertOk(run(asHost(get(hostPath("/calendars/c1/account-calendars")))), 200);
    assertCalled("accountCalendars", hostId, hostAccess(hostToken), "c1");
    assertThat(body.path("account").asText()).isEqualTo(FakeCalendarConnections.ACCOUNT);
    assertThat(body.path("calendars").get(0).path("connectionId").asText()).isEqualTo("c1");
    assertThat(body.path("calendars").get(1).path("connectionId").isNull()).isTrue();
  }

  @Test
  void connectingAnotherCalendarOfTheAccountIs201() {
    assertOk(run(asHost(post(hostPath("/calendars/c1/account-calendars"), json("{'calendarId':'team@group'}")))), 201);
    assertCalled("addAccountCalendar", hostId, hostAccess(hostToken), "c1", "team@group");
  }

  @Test
  void connectingACalendarThatIsAlreadyConnectedIs200() {
    connections.answer(new AddedConnection(false,
        Samples.hostView(Samples.googleConnection("c2", hostId, FakeCalendarConnections.ACCOUNT))));
    var body = assertOk(run(asHost(post(hostPath("/calendars/c1/account-calendars"),
        json("{'calendarId':'team@group'}")))), 200);
    assertThat(body.path("id").asText()).isEqualTo("c2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{'calendarId':''}", "{'calendarId':' '}", ""})
  void connectingACalendarWithoutItsIdIs400(String badBody) {
    assertError(run(asHost(post(hostPath("/calendars/c1/account-calendars"), json(badBody)))), 400, "invalid_request");
    connections.assertNothingCalled();
  }

  @Test
  void configuringSendsEitherChoice() {
    assertOk(run(asHost(put(hostPath("/calendars/c1"), json("{'countsForConflicts':false}")))), 200);
    assertCalled("configure", hostId, hostAccess(hostToken), "c1", false, null);
  }

  @Test
  void configuringSendsBothChoices() {
    run(asHost(put(hostPath("/calendars/c1"), json("{'countsForConflicts':true,'receivesBookings':true}"))));
    assertCalled("configure", hostId, hostAccess(hostToken), "c1", true, true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{'countsForConflicts':null}", "{'receivesBookings':'yes'}", "{'countsForConflicts':[true]}", ""})
  void configuringWithoutAChoiceOrWithAWrongTypeIs400(String badBody) {
    assertError(run(asHost(put(hostPath("/calendars/c1"), json(badBody)))), 400, "invalid_request");
    connections.assertNothingCalled();
  }

  @Test
  void disconnectingRemovesTheConnection() {
    var body = assertOk(run(asHost(delete(hostPath("/calendars/c1")))), 200);
    assertCalled("remove", hostId, hostAccess(hostToken), "c1");
    assertThat(body.path("id").asText()).isEqualTo("c1");
  }

  @Test
  void pausingAndResumingSendTheConnectionAndAnswerIt() {
    var paused = assertOk(run(asHost(post(hostPath("/calendars/c1/pause"), ""))), 200);
    assertCalled("pause", hostId, hostAccess(hostToken), "c1");
    assertThat(paused.path("id").asText()).isEqualTo("c1");
  }

  @Test
  void theAdminMayResumeAndAnUnknownConnectionIs404() {
    assertOk(run(bearer(post(hostPath("/calendars/c1/resume"), ""), ADMIN_TOKEN)), 200);
    assertCalled("resume", hostId, dev.scheduler.protocol.calendar.Access.asAdmin(), "c1");
    connections.refuse(RejectionCode.NOT_FOUND, "No such calendar connection.");
    assertError(run(asHost(post(hostPath("/calendars/zz/pause"), ""))), 404, "not_found");
  }

  @Test
  void aProviderFailureIs502() {
    connections.refuse(RejectionCode.PROVIDER_UNAVAILABLE, "Google did not answer.");
    var body = assertError(run(asHost(get(hostPath("/calendars/c1/account-calendars")))), 502, "provider_unavailable");
    assertThat(body.path("message").asText()).isEqualTo("Google did not answer.");
  }

  @Test
  void aWorkflowThatTimesOutIs503WithRetryAfter() {
    connections.timeOut();
    var result = run(asHost(delete(hostPath("/calendars/c1"))));
    assertError(result, 503, "unavailable");
    assertRetryAfter(result);
  }

  @Test
  void wrongMethodsAre405() {
    assertError(run(asHost(post(hostPath("/calendars"), "{}"))), 405, "method_not_allowed");
    assertError(run(asHost(get(hostPath("/calendars/ics")))), 405, "method_not_allowed");
    assertError(run(asHost(HttpRequest.PATCH(hostPath("/calendars/c1")))), 405, "method_not_allowed");
    assertError(run(asHost(delete(hostPath("/calendars/c1/account-calendars")))), 405, "method_not_allowed");
    connections.assertNothingCalled();
  }

  @Test
  void anUnknownAddressUnderCalendarsIs404() {
    assertError(run(asHost(get(hostPath("/calendars/c1/events")))), 404, "not_found");
  }
}
