package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.analytics.HostAnalytics;
import dev.scheduler.protocol.analytics.HostAnalyticsView;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.model.HostProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics route: one ask to the host's entity for the token and the zone, then the read
 * side's figures for that zone and range; the range checked before anything is asked.
 */
class AnalyticsRoutesTest extends ApiRouteTest {
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  record Query(String hostId, ZoneId zone, Instant from, Instant to) {}

  private final List<Query> queries = new CopyOnWriteArrayList<>();

  @Override
  protected HostAnalytics analytics() {
    return (hostId, zone, from, to) -> {
      queries.add(new Query(hostId, zone, from, to));
      return CompletableFuture.completedFuture(HostAnalyticsView.empty(hostId, zone, from, to));
    };
  }

  @BeforeEach
  void aHostInKolkata() {
    entities.answer(new HostProfile(hostId, "Ann", "ann@example.com", KOLKATA, "hash", NOW));
  }

  @Test
  void theHostsZoneFromItsEntityReachesTheQuery() {
    String range = "?from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00%2B05:30";
    JsonNode body = assertOk(run(bearer(get(hostPath("/analytics" + range)), hostToken)), 200);
    assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(hostAccess(hostToken));
    assertThat(queries).containsExactly(new Query(hostId, KOLKATA, Instant.parse("2027-03-01T00:00:00Z"),
        Instant.parse("2027-03-07T18:30:00Z")));
    assertThat(body.path("timeZone").asText()).isEqualTo("Asia/Kolkata");
    assertThat(body.path("to").asText()).isEqualTo("2027-03-07T18:30:00Z");
    assertThat(body.path("asOf").isNull()).isTrue();
  }

  @Test
  void withoutARangeItIsThe12WeeksUpToNowAndTheAdminMayAsk() {
    assertOk(run(bearer(get(hostPath("/analytics")), ADMIN_TOKEN)), 200);
    assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(Access.asAdmin());
    assertThat(queries).containsExactly(new Query(hostId, KOLKATA, NOW.minus(Duration.ofDays(84)), NOW));
  }

  @Test
  void aBadRangeIs400AndAsksNothing() {
    for (String query : List.of("?from=yesterday", "?to=2027-03-01",
        "?from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z", "?from=2027-03-01T00:00:00Z&to=2027-03-01T00:00:00Z",
        "?from=2026-01-01T00:00:00Z&to=2027-02-05T00:00:01Z", "?from=0000-01-01T00:00:00Z")) {
      assertError(run(bearer(get(hostPath("/analytics" + query)), hostToken)), 400, "invalid_request");
    }
    entities.assertNothingAsked();
    assertThat(queries).isEmpty();
  }

  @Test
  void anotherHostsTokenIs403BeforeAnyAsk() {
    assertError(run(bearer(get(hostPath("/analytics")),
        dev.scheduler.http.auth.Tokens.newHostToken(dev.scheduler.protocol.Ids.newId()))), 403, "forbidden");
    entities.assertNothingAsked();
    assertThat(queries).isEmpty();
  }

  @Test
  void whatTheEntityRefusesReachesNoQuery() {
    entities.refuse(RejectionCode.UNAUTHORIZED, "An API token is required.");
    assertError(run(get(hostPath("/analytics"))), 401, "unauthorized");
    assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(Access.anonymous());
    entities.refuse(RejectionCode.FORBIDDEN, "This token may not do that for this host.");
    assertError(run(bearer(get(hostPath("/analytics")), bookingToken("b1"))), 403, "forbidden");
    assertThat(queries).isEmpty();
  }
}
