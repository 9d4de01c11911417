package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarListTest {
  private static final String USER = FakeGoogleCalendar.DEFAULT_USER;
  private static final String TEAM = "team0@group.calendar.google.com";
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private FakeGoogleCalendar fake;
  private Calendar client;

  @BeforeEach
  void start() {
    fake = new FakeGoogleCalendar().start().addCalendar(USER, TEAM, "Team", TOKYO);
    client = RealGoogleClients.connected(fake, USER);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void listPagesThroughCalendarsAndSyncSeesANewOne() throws Exception {
    CalendarList first = client.calendarList().list().setMaxResults(1).execute();
    assertThat(first.getItems()).extracting(CalendarListEntry::getId).containsExactly(USER);
    assertThat(first.getNextSyncToken()).isNull();
    CalendarList second = client.calendarList().list().setMaxResults(1)
        .setPageToken(first.getNextPageToken()).execute();
    assertThat(second.getItems()).singleElement().satisfies(entry -> {
      assertThat(entry.getId()).isEqualTo(TEAM);
      assertThat(entry.getPrimary()).isNull();
      assertThat(entry.getTimeZone()).isEqualTo("Asia/Tokyo");
      assertThat(entry.getAccessRole()).isEqualTo("owner");
    });

    fake.addCalendar(USER, "later@group.calendar.google.com", "Later", TOKYO);
    assertThat(client.calendarList().list().setSyncToken(second.getNextSyncToken()).execute()
        .getItems()).extracting(CalendarListEntry::getId)
        .containsExactly("later@group.calendar.google.com");
  }

  @Test
  void secondaryCalendarHoldsItsOwnEvents() throws Exception {
    ZonedDateTime start = ZonedDateTime.of(2030, 3, 4, 9, 0, 0, 0, TOKYO);
    fake.putEvent(TEAM, EventJson.timed(start, start.plusHours(1)).id("teamevent"));

    assertThat(client.events().list(TEAM).execute().getItems()).extracting(Event::getId)
        .containsExactly("teamevent");
    assertThat(client.events().list("primary").execute().getItems()).isEmpty();
    assertThat(client.calendars().get(TEAM).execute().getTimeZone()).isEqualTo("Asia/Tokyo");
  }

  @Test
  void anotherUsersCalendarIsNotFound() throws Exception {
    fake.addUser("carol@example.com", TOKYO);
    assertThatThrownBy(() -> client.events().list("carol@example.com").execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(404);
          assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        });
  }
}
