package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.http.testkit.Samples;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The limit of API requests in progress, in the real route tree: here a limit of one. */
class InFlightLimitRoutesTest extends ApiRouteTest {

  @Override
  protected int maxInFlight() {
    return 1;
  }

  @Test
  void pastTheLimitAnApiRequestIs503AtOnceButHealthStillAnswers() {
    CompletableFuture<Object> gate = new CompletableFuture<>();
    entities.answerWith(command -> gate);
    var held = run(get(hostPath("/event-types")));

    var refused = run(get(hostPath("/event-types")));
    assertError(refused, 503, "unavailable");
    assertRetryAfter(refused);
    assertThat(entities.asked()).hasSize(1);
    assertOk(run(get("/health/alive")), 200);

    gate.complete(new EventTypeList(List.of(Samples.eventType("intro"))));
    assertOk(held, 200);
    assertOk(run(get(hostPath("/event-types"))), 200);
  }

  @Test
  void refusalsTimeoutsAndFailuresGiveTheirPlaceBack() {
    assertError(run(post("/api/v1/hosts", "{}")), 401, "unauthorized");
    assertError(run(get(hostPath("/event-types/intro/slots"))), 400, "invalid_request");
    assertError(run(bearer(get(hostPath("/bookings")), "nonsense")), 401, "unauthorized");
    assertError(run(post(hostPath("/bookings"), "{")), 400, "invalid_request");
    assertError(run(get("/api/v1/nothing")), 404, "not_found");
    entities.refuse(RejectionCode.NOT_FOUND, "No such host.");
    assertError(run(get(hostPath(""))), 404, "not_found");
    entities.timeOut();
    assertError(run(get(hostPath(""))), 503, "unavailable");
    entities.fail(new IllegalStateException("bug"));
    assertError(run(get(hostPath(""))), 500, "internal");

    entities.answer(Samples.host(hostId));
    assertOk(run(get(hostPath(""))), 200);
  }
}
