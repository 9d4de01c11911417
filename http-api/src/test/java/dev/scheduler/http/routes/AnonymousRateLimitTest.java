package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.IsolationSettings;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.http.testkit.SteppingClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.Test;

/**
 * The per-address rate limit on anonymous requests, in the real route tree with a clock the test
 * moves: a burst of 5 and 1 per second, loopback not exempt unless said.
 */
class AnonymousRateLimitTest extends ApiRouteTest {
  private static final int BURST = 5;
  private final SteppingClock clock = new SteppingClock();
  private boolean exemptLoopback;

  @Override
  protected IsolationSettings isolation() {
    return new IsolationSettings(64, 1, BURST, 1000, exemptLoopback);
  }

  @Override
  protected Clock clock() {
    return clock;
  }

  @Test
  void pastTheBurstAnAnonymousClientGets429WithRetryAfterUntilTimePasses() {
    for (int i = 0; i < BURST; i++) {
      assertOk(from("203.0.113.7", get(slots())), 200);
    }
    TestRouteResult refused = from("203.0.113.7", get(slots()));
    assertError(refused, 429, "rate_limited");
    assertRetryAfter(refused);
    assertError(from("203.0.113.7", post(hostPath("/bookings"), "{}")), 429, "rate_limited");
    int asked = entities.asked().size();
    assertThat(asked).as("refused requests never reach an entity").isEqualTo(BURST);

    assertOk(from("198.51.100.1", get(slots())), 200);
    clock.advance(Duration.ofSeconds(1));
    assertOk(from("203.0.113.7", get(slots())), 200);
    assertError(from("203.0.113.7", get(slots())), 429, "rate_limited");
  }

  @Test
  void anInviteesBookingTokenIsAnonymousTooButHostAndAdminTokensAreNot() {
    for (int i = 0; i < BURST; i++) {
      from("203.0.113.7", get(slots()));
    }
    assertError(from("203.0.113.7", bearer(get(hostPath("/bookings/b1")), bookingToken("b1"))), 429,
        "rate_limited");
    assertError(from("203.0.113.7", get(hostPath("/bookings/b1?token=" + bookingToken("b1")))), 429,
        "rate_limited");

    for (int i = 0; i < 3 * BURST; i++) {
      assertThat(from("203.0.113.7", bearer(get(hostPath("/schedule")), hostToken)).statusCode()).isNotEqualTo(429);
      assertThat(from("203.0.113.7", bearer(get("/api/v1/admin/cluster"), ADMIN_TOKEN)).statusCode())
          .isNotEqualTo(429);
    }
  }

  @Test
  void loopbackIsLimitedUnlessExempt() {
    for (int i = 0; i < BURST; i++) {
      from("127.0.0.1", get(slots()));
    }
    assertError(from("127.0.0.1", get(slots())), 429, "rate_limited");
    assertError(exhaust("::1"), 429, "rate_limited");
  }

  @Test
  void anExemptLoopbackIsNeverLimited() {
    exemptLoopback = true;
    buildRoutes();
    for (int i = 0; i < 10 * BURST; i++) {
      assertOk(from("127.0.0.1", get(slots())), 200);
      assertOk(from("::1", get(slots())), 200);
    }
    for (int i = 0; i < BURST; i++) {
      from("203.0.113.7", get(slots()));
    }
    assertError(from("203.0.113.7", get(slots())), 429, "rate_limited");
  }

  @Test
  void healthProbesAreNeverLimited() {
    for (int i = 0; i < 3 * BURST; i++) {
      assertOk(from("203.0.113.7", get("/health/alive")), 200);
    }
  }

  private TestRouteResult exhaust(String address) {
    TestRouteResult last = null;
    for (int i = 0; i <= BURST; i++) {
      last = from(address, get(slots()));
    }
    return last;
  }

  private String slots() {
    return hostPath("/event-types/intro/slots?start=2027-03-15&end=2027-03-16");
  }

  private TestRouteResult from(String address, HttpRequest request) {
    try {
      return run(request.addAttribute(AttributeKeys.remoteAddress, RemoteAddress.create(InetAddress.getByName(address))));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
