package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.IsolationSettings;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.http.testkit.Samples;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.Test;

/** The limit of requests per host id in progress, in the real route tree: here two per host. */
class HostWaitLimitRoutesTest extends ApiRouteTest {
  private final String otherHost = Ids.newId();

  @Override
  protected IsolationSettings isolation() {
    return new IsolationSettings(2, 20, 100, 1000, true);
  }

  @Test
  void pastItsLimitAHostIs503HostBusyAtOnceWhileOtherHostsAreServed() {
    CompletableFuture<Object> gate = new CompletableFuture<>();
    entities.answerWith(command -> gate);
    TestRouteResult first = run(get(hostPath("/event-types")));
    TestRouteResult second = run(get(hostPath("/event-types")));

    TestRouteResult refused = run(get(hostPath("/event-types/intro/slots?start=2027-03-15&end=2027-03-16")));
    assertError(refused, 503, "host_busy");
    assertRetryAfter(refused);
    assertThat(entities.asked()).hasSize(2);

    entities.answer(new EventTypeList(List.of(Samples.eventType("intro"))));
    assertOk(run(get("/api/v1/hosts/" + otherHost + "/event-types")), 200);

    gate.complete(new EventTypeList(List.of(Samples.eventType("intro"))));
    assertOk(first, 200);
    assertOk(second, 200);
    assertOk(run(get(hostPath("/event-types"))), 200);
  }

  @Test
  void refusalsAndFailuresGiveTheHostsPlaceBack() {
    for (int i = 0; i < 5; i++) {
      assertError(run(get(hostPath("/event-types/intro/slots"))), 400, "invalid_request");
      assertError(run(bearer(get(hostPath("/bookings")), "nonsense")), 401, "unauthorized");
      assertError(run(get(hostPath("/nothing-here"))), 404, "not_found");
    }
    entities.timeOut();
    assertError(run(get(hostPath(""))), 503, "unavailable");
    assertError(run(get(hostPath(""))), 503, "unavailable");
    entities.answer(Samples.host(hostId));
    assertOk(run(get(hostPath(""))), 200);
  }
}
