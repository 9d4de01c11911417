package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: tokens in URLs end up in proxy and access logs, so only the invitee's booking token
 * may travel in {@code ?token=}. A host or admin token there is refused on every route, with an
 * answer that says where the token belongs and does not repeat it.
 */
class QueryTokenRoutesTest extends ApiRouteTest {

  private void assertRefusedWithoutEcho(TestRouteResult result, String token) {
    JsonNode body = assertError(result, 400, "invalid_request");
    assertThat(body.path("message").asText()).contains("Authorization");
    assertThat(result.entityString()).doesNotContain(token);
    entities.assertNothingAsked();
    connections.assertNothingCalled();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bookings", "/bookings/b1", "", "/calendars", "/event-types",
      "/event-types/intro/slots?start=2027-03-15&end=2027-03-15"})
  void aHostTokenInTheQueryIsRefused(String rest) {
    String uri = hostPath(rest) + (rest.contains("?") ? "&" : "?") + "token=" + hostToken;
    assertRefusedWithoutEcho(run(get(uri)), hostToken);
  }

  @Test
  void aHostTokenInTheQueryIsRefusedEvenWithTheHeader() {
    assertRefusedWithoutEcho(run(bearer(get(hostPath("/bookings?token=" + hostToken)), hostToken)), hostToken);
  }

  @Test
  void aHostTokenInTheQueryOfABookingIsRefused() {
    assertRefusedWithoutEcho(run(post(hostPath("/bookings/b1/cancel?token=" + hostToken), "")), hostToken);
  }

  @Test
  void theAdminTokenInTheQueryIsRefused() {
    assertRefusedWithoutEcho(run(get("/api/v1/admin/cluster?token=" + ADMIN_TOKEN)), ADMIN_TOKEN);
    assertRefusedWithoutEcho(run(post("/api/v1/hosts?token=" + ADMIN_TOKEN,
        json("{'name':'Ann','email':'ann@example.com','timeZone':'UTC'}"))), ADMIN_TOKEN);
  }

  @Test
  void theBookingTokenStillTravelsInTheQuery() {
    run(get(hostPath("/bookings/b1?token=" + bookingToken("b1"))));
    assertThat(entities.onlyCommand(hostId, GetBooking.class).access()).isEqualTo(Access.bookingToken("b1"));
  }
}
