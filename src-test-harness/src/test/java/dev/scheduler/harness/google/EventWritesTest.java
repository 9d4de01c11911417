package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventWritesTest {
  private static final String USER = FakeGoogleCalendar.DEFAULT_USER;

  private FakeGoogleCalendar fake;
  private Credential credential;
  private Calendar client;

  @BeforeEach
  void start() {
    fake = new FakeGoogleCalendar().start();
    credential = RealGoogleClients.credential(fake)
        .setRefreshToken(fake.grantOfflineAccess(USER, FakeGoogleCalendar.CALENDAR_SCOPE));
    client = RealGoogleClients.calendar(fake, credential);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Event meeting(String id) {
    return new Event().setId(id).setSummary("Planning").setDescription("agenda")
        .setStart(new EventDateTime().setDateTime(new DateTime("2030-03-04T10:00:00+01:00")))
        .setEnd(new EventDateTime().setDateTime(new DateTime("2030-03-04T11:00:00+01:00")))
        .setAttendees(List.of(new EventAttendee().setEmail(USER).setResponseStatus("accepted"),
            new EventAttendee().setEmail("guest@example.com").setResponseStatus("needsAction")));
  }

  private static void assertGoogleError(Throwable thrown, int status, String reason) {
    assertThat(thrown).isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
      assertThat(e.getStatusCode()).isEqualTo(status);
      assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo(reason);
    });
  }

  @Test
  void insertWithClientIdThenDuplicateIs409() throws Exception {
    Event created = client.events().insert("primary", meeting("a1b2c3d4e5f6")).execute();

    assertThat(created.getId()).isEqualTo("a1b2c3d4e5f6");
    assertThat(created.getStatus()).isEqualTo("confirmed");
    assertThat(created.getICalUID()).isEqualTo("a1b2c3d4e5f6@google.com");
    assertThat(created.getAttendees()).extracting(EventAttendee::getEmail, EventAttendee::getSelf)
        .containsExactly(tuple(USER, true),
            tuple("guest@example.com", null));
    assertThat(fake.events(USER)).extracting(e -> e.get("id").asText()).containsExactly("a1b2c3d4e5f6");
    assertGoogleError(catchThrowable(() -> client.events().insert("primary", meeting("a1b2c3d4e5f6"))
        .execute()), 409, "duplicate");
  }

  @Test
  void clientIdsMustBeBase32Hex() {
    assertGoogleError(catchThrowable(() -> client.events().insert("primary", meeting("Has-Upper"))
        .execute()), 400, "invalid");
    assertGoogleError(catchThrowable(() -> client.events().insert("primary", meeting("wxyz0"))
        .execute()), 400, "invalid");
  }

  @Test
  void sendUpdatesMustBeAKnownValue() throws Exception {
    assertGoogleError(catchThrowable(() -> client.events().insert("primary", meeting("sendnone0"))
        .setSendUpdates("everyone").execute()), 400, "invalid");
    assertThat(client.events().insert("primary", meeting("sendnone0")).setSendUpdates("none")
        .setConferenceDataVersion(1).execute().getId()).isEqualTo("sendnone0");
  }

  @Test
  void insertWithoutEndIsRefused() {
    Throwable thrown = catchThrowable(() -> client.events().insert("primary",
        meeting("noend0000").setEnd(null)).execute());
    assertGoogleError(thrown, 400, "required");
    assertThat(((GoogleJsonResponseException) thrown).getDetails().getMessage())
        .isEqualTo("Missing end time.");
  }

  @Test
  void patchArrivesAsPostWithMethodOverrideAndMergesFields() throws Exception {
    client.events().insert("primary", meeting("patchme00")).execute();

    Event patched = client.events().patch("primary", "patchme00", new Event().setSummary("Moved"))
        .execute();

    assertThat(patched.getSummary()).isEqualTo("Moved");
    assertThat(patched.getDescription()).isEqualTo("agenda");
    assertThat(patched.getAttendees()).hasSize(2);
    assertThat(fake.requests().entries()).filteredOn(e -> e.method().equals("PATCH"))
        .singleElement().satisfies(e -> {
          assertThat(e.wireMethod()).isEqualTo("POST");
          assertThat(e.status()).isEqualTo(200);
        });
  }

  @Test
  void updateReplacesTheWholeEventAndBumpsSequenceOnReschedule() throws Exception {
    Event created = client.events().insert("primary", meeting("updateme0")).execute();
    Event replacement = meeting("updateme0").setDescription(null)
        .setStart(new EventDateTime().setDateTime(new DateTime("2030-03-04T12:00:00+01:00")))
        .setEnd(new EventDateTime().setDateTime(new DateTime("2030-03-04T13:00:00+01:00")));

    Event updated = client.events().update("primary", "updateme0", replacement).execute();

    assertThat(updated.getDescription()).isNull();
    assertThat(updated.getSequence()).isEqualTo(created.getSequence() + 1);
    assertThat(updated.getCreated()).isEqualTo(created.getCreated());
    assertThat(updated.getUpdated().getValue()).isGreaterThan(created.getUpdated().getValue());
  }

  @Test
  void deleteThenDeleteAgainIs410AndTheIdStaysReserved() throws Exception {
    client.events().insert("primary", meeting("deleteme0")).execute();

    client.events().delete("primary", "deleteme0").execute();

    assertThat(fake.requests().withStatus(204)).singleElement()
        .satisfies(e -> assertThat(e.method()).isEqualTo("DELETE"));
    assertGoogleError(catchThrowable(() -> client.events().delete("primary", "deleteme0").execute()),
        410, "deleted");
    assertThat(client.events().get("primary", "deleteme0").execute().getStatus())
        .isEqualTo("cancelled");
    assertGoogleError(catchThrowable(() -> client.events().insert("primary", meeting("deleteme0"))
        .execute()), 409, "duplicate");
    assertThat(fake.events(USER)).isEmpty();
  }

  @Test
  void ifMatchWithAStaleEtagIs412() throws Exception {
    Event created = client.events().insert("primary", meeting("etagged00")).execute();
    client.events().patch("primary", "etagged00", new Event().setSummary("first")).execute();

    Calendar.Events.Patch stale = client.events().patch("primary", "etagged00",
        new Event().setSummary("second"));
    stale.setRequestHeaders(new HttpHeaders().setIfMatch(created.getEtag()));
    assertGoogleError(catchThrowable(stale::execute), 412, "conditionNotMet");
    assertThat(fake.event(USER, "etagged00").get("summary").asText()).isEqualTo("first");
  }

  @Test
  void writingToAnInstanceIdMakesAnException() throws Exception {
    Event series = meeting("recurring")
        .setStart(new EventDateTime().setDateTime(new DateTime("2030-03-04T10:00:00+01:00"))
            .setTimeZone("Europe/Berlin"))
        .setEnd(new EventDateTime().setDateTime(new DateTime("2030-03-04T11:00:00+01:00"))
            .setTimeZone("Europe/Berlin"))
        .setRecurrence(List.of("RRULE:FREQ=WEEKLY;COUNT=3"));
    client.events().insert("primary", series).execute();

    client.events().patch("primary", "recurring_20300311T090000Z", new Event().setSummary("Special"))
        .execute();
    client.events().delete("primary", "recurring_20300318T090000Z").execute();

    List<Event> instances = client.events().list("primary").setSingleEvents(true).execute().getItems();
    assertThat(instances).extracting(Event::getId, Event::getSummary).containsExactly(
        tuple("recurring_20300304T090000Z", "Planning"),
        tuple("recurring_20300311T090000Z", "Special"));
  }

  @Test
  void gzippedChunkedBodyIsDecoded() throws Exception {
    credential.refreshToken();
    HttpURLConnection post = (HttpURLConnection) URI.create(
        fake.rootUrl() + "calendar/v3/calendars/primary/events").toURL().openConnection();
    post.setRequestMethod("POST");
    post.setDoOutput(true);
    post.setChunkedStreamingMode(0);
    post.setRequestProperty("Authorization", "Bearer " + credential.getAccessToken());
    post.setRequestProperty("Content-Type", "application/json; charset=UTF-8");
    post.setRequestProperty("Content-Encoding", "gzip");
    String json = "{\"id\":\"compress0\",\"start\":{\"date\":\"2030-03-04\"},"
        + "\"end\":{\"date\":\"2030-03-05\"}}";
    try (OutputStream out = new GZIPOutputStream(post.getOutputStream())) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(post.getResponseCode()).isEqualTo(200);
    assertThat(post.getContentType()).startsWith("application/json");
    assertThat(fake.event(USER, "compress0")).isNotNull();
  }
}
