package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultScriptTest {
  private static final String USER = FakeGoogleCalendar.DEFAULT_USER;
  private static final String EVENTS = "/calendar/v3/calendars/primary/events";

  private FakeGoogleCalendar fake;
  private Calendar client;

  @BeforeEach
  void start() {
    fake = new FakeGoogleCalendar().start();
    client = RealGoogleClients.connected(fake, USER);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Event meeting(String id) {
    return new Event().setId(id)
        .setStart(new EventDateTime().setDateTime(new DateTime("2030-03-04T10:00:00Z")))
        .setEnd(new EventDateTime().setDateTime(new DateTime("2030-03-04T11:00:00Z")));
  }

  private GoogleJsonError.ErrorInfo failingList(int status) {
    Throwable thrown = catchThrowable(() -> client.events().list("primary").execute());
    assertThat(thrown).isInstanceOf(GoogleJsonResponseException.class);
    GoogleJsonResponseException e = (GoogleJsonResponseException) thrown;
    assertThat(e.getStatusCode()).isEqualTo(status);
    return e.getDetails().getErrors().get(0);
  }

  @Test
  void rateLimitStormOf429HitsExactlyTheScriptedNumberOfRequests() throws Exception {
    fake.faults().on("GET", EVENTS).times(2).respond(429);

    for (int i = 0; i < 2; i++) {
      GoogleJsonError.ErrorInfo error = failingList(429);
      assertThat(error.getReason()).isEqualTo("rateLimitExceeded");
      assertThat(error.getDomain()).isEqualTo("usageLimits");
    }
    assertThat(client.events().list("primary").execute().getItems()).isEmpty();
    assertThat(fake.requests().withStatus(429)).hasSize(2);
  }

  @Test
  void forbiddenRateLimitsCarryTheirOwnReasons() {
    fake.faults().on("GET", EVENTS).respond(403, "rateLimitExceeded")
        .on("GET", EVENTS).respond(403, "userRateLimitExceeded");
    assertThat(failingList(403).getMessage()).isEqualTo("Rate Limit Exceeded");
    GoogleJsonError.ErrorInfo user = failingList(403);
    assertThat(user.getReason()).isEqualTo("userRateLimitExceeded");
    assertThat(user.getMessage()).isEqualTo("User Rate Limit Exceeded");
  }

  @Test
  void backendErrorAndServiceUnavailable() {
    fake.faults().on("GET", EVENTS).respond(500).on("GET", EVENTS).respond(503);
    assertThat(failingList(500).getReason()).isEqualTo("backendError");
    assertThat(failingList(503).getReason()).isEqualTo("backendError");
  }

  @Test
  void anyRequestFaultHitsWhateverComesNext() throws Exception {
    client.events().list("primary").execute();
    fake.faults().onAnyRequest().respond(503);
    Throwable thrown = catchThrowable(() -> client.calendarList().list().execute());
    assertThat(((GoogleJsonResponseException) thrown).getStatusCode()).isEqualTo(503);
    assertThat(client.calendarList().list().execute().getItems()).hasSize(1);
  }

  @Test
  void faultsOnlyHitMatchingMethodAndPath() throws Exception {
    fake.faults().on("POST", EVENTS).respond(500);
    assertThat(client.events().list("primary").execute().getItems()).isEmpty();
    assertThat(client.calendarList().list().execute().getItems()).hasSize(1);
    assertThat(catchThrowable(() -> client.events().insert("primary", meeting("abcde")).execute()))
        .isInstanceOf(GoogleJsonResponseException.class);
  }

  @Test
  void insertCommittedThenAnswered500RetryGets409AndGetConfirms() throws Exception {
    fake.faults().on("POST", EVENTS).commitThenRespond(500, "backendError");

    Throwable first = catchThrowable(() -> client.events().insert("primary", meeting("idempotent"))
        .execute());
    assertThat(((GoogleJsonResponseException) first).getStatusCode()).isEqualTo(500);
    assertThat(fake.event(USER, "idempotent")).as("committed despite the 500").isNotNull();

    Throwable retry = catchThrowable(() -> client.events().insert("primary", meeting("idempotent"))
        .execute());
    assertThat(((GoogleJsonResponseException) retry).getDetails().getErrors().get(0).getReason())
        .isEqualTo("duplicate");
    assertThat(client.events().get("primary", "idempotent").execute().getStatus())
        .isEqualTo("confirmed");
  }

  @Test
  void slowResponseIsDelayedButCorrect() throws Exception {
    client.events().list("primary").execute(); // refresh the token first, outside the timing
    fake.faults().on("GET", EVENTS).delay(Duration.ofMillis(400));

    long started = System.nanoTime();
    assertThat(client.events().list("primary").execute().getNextSyncToken()).isNotBlank();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(
        Duration.ofMillis(400));
  }

  @Test
  void tokenEndpointFaultAnswersInOAuthShape() throws Exception {
    fake.faults().on("POST", "/token").respond(400, "invalid_grant");

    Throwable thrown = catchThrowable(() -> client.events().list("primary").execute());
    assertThat(thrown).isInstanceOfSatisfying(TokenResponseException.class,
        e -> assertThat(e.getDetails().getError()).isEqualTo("invalid_grant"));
    assertThat(client.events().list("primary").execute().getItems()).as("only once").isEmpty();
  }
}
