package dev.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.protocol.calendar.Rejection;
import dev.scheduler.protocol.calendar.RejectionCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void aTimeoutIsA503WithRetryAfterNeverA409EvenWhenWrapped() {
    HttpResponse response = ErrorResponses.of(new CompletionException(new TimeoutException("ask timed out")));
    assertThat(response.status().intValue()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).hasValueSatisfying(h -> assertThat(h.value()).isEqualTo("2"));
    assertThat(body(response)).contains("\"error\":\"unavailable\"");
  }

  @Test
  void everyRejectionCodeHasItsStatus() {
    assertThat(statusOf(RejectionCode.INVALID_REQUEST)).isEqualTo(400);
    assertThat(statusOf(RejectionCode.UNAUTHORIZED)).isEqualTo(401);
    assertThat(statusOf(RejectionCode.FORBIDDEN)).isEqualTo(403);
    assertThat(statusOf(RejectionCode.NOT_FOUND)).isEqualTo(404);
    assertThat(statusOf(RejectionCode.SLOT_UNAVAILABLE)).isEqualTo(409);
    assertThat(statusOf(RejectionCode.CHANGE_TOO_LATE)).isEqualTo(409);
    assertThat(statusOf(RejectionCode.IDEMPOTENCY_CONFLICT)).isEqualTo(422);
    assertThat(statusOf(RejectionCode.LIMIT_EXCEEDED)).isEqualTo(422);
  }

  @Test
  void anEntityRejectionArrivingAsAStatusReplyKeepsItsCodeAndMessage() {
    String text = Rejection.of(RejectionCode.SLOT_UNAVAILABLE, "The slot is taken.").toStatusText();
    HttpResponse response = ErrorResponses.of(new CompletionException(new StatusReply.ErrorMessage(text)));
    assertThat(response.status().intValue()).isEqualTo(409);
    assertThat(body(response)).isEqualTo("{\"error\":\"slot_unavailable\",\"message\":\"The slot is taken.\"}");
  }

  @Test
  void anythingElseIsA500ThatSaysLittle() {
    HttpResponse response = ErrorResponses.of(new IllegalStateException("secret internals"));
    assertThat(response.status().intValue()).isEqualTo(500);
    assertThat(body(response)).doesNotContain("secret internals");
  }

  private static int statusOf(RejectionCode code) {
    return ErrorResponses.of(Rejection.of(code, "m")).status().intValue();
  }

  private static String body(HttpResponse response) {
    return ((org.apache.pekko.http.javadsl.model.HttpEntity.Strict) response.entity()).getData().utf8String();
  }
}
