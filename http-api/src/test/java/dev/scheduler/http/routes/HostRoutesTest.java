package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.auth.Tokens;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetEventTypes;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SetSchedule;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts and what they publish: creation (admin), profile, schedule, event types, busy time. */
class HostRoutesTest extends ApiRouteTest {
  private static final String NEW_HOST = json("{'name':'Ann','email':'ann@example.com','timeZone':'America/New_York'}");

  @Nested
  class CreateHostTest {
    @Test
    void withoutATokenIs401AndReachesNoEntity() {
      assertError(run(post("/api/v1/hosts", NEW_HOST)), 401, "unauthorized");
      entities.assertNothingAsked();
    }

    @Test
    void withAWrongTokenIs403() {
      assertError(run(bearer(post("/api/v1/hosts", NEW_HOST), "not-the-admin")), 403, "forbidden");
      entities.assertNothingAsked();
    }

    @Test
    void aHostTokenCannotCreateHosts() {
      assertError(run(bearer(post("/api/v1/hosts", NEW_HOST), hostToken)), 403, "forbidden");
      entities.assertNothingAsked();
    }

    @Test
    void theTokenIsCheckedBeforeTheBody() {
      assertError(run(post("/api/v1/hosts", "{not json")), 401, "unauthorized");
    }

    @Test
    void theAdminCreatesAHostWhoseTokenIsShownOnceAndKeptAsAHash() {
      var body = assertOk(run(bearer(post("/api/v1/hosts", NEW_HOST), ADMIN_TOKEN)), 201);

      String newHostId = body.path("id").asText();
      CreateHost command = entities.onlyCommand(newHostId, CreateHost.class);
      assertThat(Ids.looksLikeId(newHostId)).isTrue();
      assertThat(command.host().id()).isEqualTo(newHostId);
      assertThat(command.host().name()).isEqualTo("Ann");
      assertThat(command.host().email()).isEqualTo("ann@example.com");
      assertThat(command.host().timeZone()).isEqualTo(ZoneId.of("America/New_York"));
      assertThat(command.host().createdAt()).isEqualTo(NOW);
      String apiToken = body.path("apiToken").asText();
      assertThat(Tokens.hostIdOfHostToken(apiToken)).contains(newHostId);
      assertThat(command.host().apiTokenHash()).isEqualTo(Tokens.sha256Hex(apiToken));
      assertThat(body.path("timeZone").asText()).isEqualTo("America/New_York");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{not json",
        "[]",
        "null",
        "{'email':'ann@example.com','timeZone':'UTC'}",
        "{'name':'  ','email':'ann@example.com','timeZone':'UTC'}",
        "{'name':{'first':'Ann'},'email':'ann@example.com','timeZone':'UTC'}",
        "{'name':'Ann','email':'ann.example.com','timeZone':'UTC'}",
        "{'name':'Ann','timeZone':'UTC'}",
        "{'name':'Ann','email':'ann@example.com'}",
        "{'name':'Ann','email':'ann@example.com','timeZone':'Mars/Olympus'}",
        "{'name':'Ann','email':'ann@example.com','timeZone':''}",
    })
    void badInputIs400(String badBody) {
      assertError(run(bearer(post("/api/v1/hosts", json(badBody)), ADMIN_TOKEN)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aNameOverAThousandCharactersIs400() {
      String body = json("{'name':'" + "a".repeat(1001) + "','email':'ann@example.com','timeZone':'UTC'}");
      assertError(run(bearer(post("/api/v1/hosts", body), ADMIN_TOKEN)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aNameWithAnUnpairedSurrogateIs400() {
      String body = json("{'name':'Ann\\ud800','email':'ann@example.com','timeZone':'UTC'}");
      assertError(run(bearer(post("/api/v1/hosts", body), ADMIN_TOKEN)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void hostsCannotBeListed() {
      assertError(run(bearer(get("/api/v1/hosts"), ADMIN_TOKEN)), 405, "method_not_allowed");
    }
  }

  @Nested
  class AccessTest {
    @Test
    void aHostTokenIsPassedAsItsHash() {
      var body = assertOk(run(bearer(get(hostPath("")), hostToken)), 200);
      assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(hostAccess(hostToken));
      assertThat(body.has("apiToken")).as("the token is shown only once").isFalse();
    }

    @Test
    void theAdminTokenIsPassedAsAdmin() {
      assertOk(run(bearer(get(hostPath("")), ADMIN_TOKEN)), 200);
      assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(Access.asAdmin());
    }

    @Test
    void withoutATokenTheEntityHearsAnAnonymousCaller() {
      run(get(hostPath("")));
      assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(Access.anonymous());
    }

    @Test
    void aBookingTokenOfTheHostIsPassedForTheEntityToJudge() {
      run(bearer(get(hostPath("")), bookingToken("b1")));
      assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(Access.bookingToken("b1"));
    }

    @Test
    void anotherHostsTokenIs403BeforeAnyEntity() {
      assertError(run(bearer(get(hostPath("")), Tokens.newHostToken(Ids.newId()))), 403, "forbidden");
      entities.assertNothingAsked();
    }

    @Test
    void anUnrecognisedTokenIs401() {
      assertError(run(bearer(get(hostPath("")), "nonsense")), 401, "unauthorized");
      entities.assertNothingAsked();
    }

    @Test
    void aTamperedBookingTokenIs401() {
      String token = bookingToken("b1");
      String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
      assertError(run(bearer(get(hostPath("/schedule")), tampered)), 401, "unauthorized");
      entities.assertNothingAsked();
    }

    @Test
    void aHostTokenInTheQueryIsRefusedOutsideBookingsToo() {
      assertError(run(get(hostPath("?token=" + hostToken))), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void anAuthorizationThatIsNotBearerCountsAsNoToken() {
      run(get(hostPath("")).addHeader(RawHeader.create("Authorization", "Basic " + hostToken)));
      assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(Access.anonymous());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
      run(get(hostPath("")).addHeader(RawHeader.create("Authorization", "bearer " + hostToken)));
      assertThat(entities.onlyCommand(hostId, GetHost.class).access()).isEqualTo(hostAccess(hostToken));
    }

    @Test
    void anUnknownAddressUnderAHostIs404() {
      assertError(run(bearer(get(hostPath("/nothing")), hostToken)), 404, "not_found");
      entities.assertNothingAsked();
    }
  }

  @Nested
  class ScheduleTest {
    private static final String SCHEDULE = json("""
        {'timeZone':'America/New_York',
         'weekly':{'MONDAY':[{'start':'13:00','end':'17:00'},{'start':'09:00','end':'12:00'}],'friday':[{'start':'20:00','end':'24:00'}]},
         'overrides':[{'date':'2027-12-24','intervals':[]}]}""");

    @Test
    void puttingAScheduleSendsItParsed() {
      var body = assertOk(run(bearer(put(hostPath("/schedule"), SCHEDULE), hostToken)), 200);

      SetSchedule command = entities.onlyCommand(hostId, SetSchedule.class);
      assertThat(command.access()).isEqualTo(hostAccess(hostToken));
      assertThat(command.schedule()).isEqualTo(new Schedule(ZoneId.of("America/New_York"),
          Map.of(DayOfWeek.MONDAY, List.of(range("09:00", "12:00"), range("13:00", "17:00")),
              DayOfWeek.FRIDAY, List.of(range("20:00", "24:00"))),
          Map.of(LocalDate.parse("2027-12-24"), List.of())));
      assertThat(body.path("weekly").path("FRIDAY").get(0).path("end").asText()).isEqualTo("24:00");
    }

    @Test
    void gettingTheSchedulePassesTheAccess() {
      assertOk(run(bearer(get(hostPath("/schedule")), hostToken)), 200);
      assertThat(entities.onlyCommand(hostId, GetSchedule.class).access()).isEqualTo(hostAccess(hostToken));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'weekly':{}}",
        "{'timeZone':'Nowhere/Special','weekly':{}}",
        "{'timeZone':'UTC','weekly':{'FUNDAY':[]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':null}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':[null]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':[{'start':'9:00','end':'12:00'}]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':[{'start':'12:00','end':'09:00'}]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':[{'start':'24:00','end':'24:00'}]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':[{'start':'09:00','end':'24:30'}]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':[{'start':'09:00'}]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':[{'start':'09:00','end':'12:00'},{'start':'11:00','end':'13:00'}]}}",
        "{'timeZone':'UTC','weekly':{'MONDAY':'09:00-12:00'}}",
        "{'timeZone':'UTC','overrides':[{'date':'2027-02-30','intervals':[]}]}",
        "{'timeZone':'UTC','overrides':[{'date':'+999999999-12-31','intervals':[]}]}",
        "{'timeZone':'UTC','overrides':[{'intervals':[]}]}",
        "{'timeZone':'UTC','overrides':[null]}",
        "{'timeZone':'UTC','overrides':[{'date':'2027-12-24'}]}",
        "{'timeZone':'UTC','overrides':[{'date':'2027-12-24','intervals':[]},{'date':'2027-12-24','intervals':[]}]}",
    })
    void badSchedulesAre400(String badBody) {
      assertError(run(bearer(put(hostPath("/schedule"), json(badBody)), hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aScheduleCannotBeDeleted() {
      assertError(run(bearer(delete(hostPath("/schedule")), hostToken)), 405, "method_not_allowed");
    }

    private static WallClockRange range(String start, String end) {
      return WallClockRange.parse(start, end);
    }
  }

  @Nested
  class EventTypesTest {
    @Test
    void anyoneListsEventTypes() {
      var body = assertOk(run(get(hostPath("/event-types"))), 200);
      entities.onlyCommand(hostId, GetEventTypes.class);
      assertThat(body.path("eventTypes").get(0).path("slug").asText()).isEqualTo("intro");
    }

    @Test
    void listingEventTypesDoesNotLookAtTheToken() {
      assertOk(run(bearer(get(hostPath("/event-types")), "nonsense")), 200);
      entities.onlyCommand(hostId, GetEventTypes.class);
    }

    @Test
    void savingAnEventTypeFillsInTheDefaults() {
      assertOk(run(bearer(put(hostPath("/event-types/intro-call"),
          json("{'title':'Intro call','durationMinutes':30}")), hostToken)), 200);

      SaveEventType command = entities.onlyCommand(hostId, SaveEventType.class);
      assertThat(command.access()).isEqualTo(hostAccess(hostToken));
      assertThat(command.eventType()).isEqualTo(new EventType("intro-call", "Intro call", 30, 30, 0, 0, 0,
          BookingWindow.rolling(EventType.DEFAULT_BOOKING_WINDOW_DAYS), null, 0));
    }

    @Test
    void savingAnEventTypeSendsEveryField() {
      assertOk(run(bearer(put(hostPath("/event-types/deep-dive"), json("""
          {'title':'Deep dive','durationMinutes':90,'slotIntervalMinutes':15,'bufferBeforeMinutes':5,
           'bufferAfterMinutes':10,'minimumNoticeMinutes':1440,'bookingWindowDays':30,'maxBookingsPerDay':3}""")),
          hostToken)), 200);

      assertThat(entities.onlyCommand(hostId, SaveEventType.class).eventType())
          .isEqualTo(new EventType("deep-dive", "Deep dive", 90, 15, 5, 10, 1440, BookingWindow.rolling(30), 3, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Intro", "-intro", "in_tro", "in%20tro", "caf%C3%A9",
        "a12345678901234567890123456789012345678901234567890123456789012345"})
    void badSlugsAre400(String slug) {
      assertError(run(bearer(put(hostPath("/event-types/" + slug), json("{'title':'T','durationMinutes':30}")),
          hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aSlugOfSixtyFourCharactersIsAccepted() {
      String slug = "a".repeat(64);
      assertOk(run(bearer(put(hostPath("/event-types/" + slug), json("{'title':'T','durationMinutes':30}")),
          hostToken)), 200);
      assertThat(entities.onlyCommand(hostId, SaveEventType.class).eventType().slug()).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'durationMinutes':30}",
        "{'title':' ','durationMinutes':30}",
        "{'title':'T'}",
        "{'title':'T','durationMinutes':0}",
        "{'title':'T','durationMinutes':10081}",
        "{'title':'T','durationMinutes':30.5}",
        "{'title':'T','durationMinutes':'thirty'}",
        "{'title':'T','durationMinutes':99999999999}",
        "{'title':'T','durationMinutes':30,'slotIntervalMinutes':0}",
        "{'title':'T','durationMinutes':30,'bufferBeforeMinutes':-1}",
        "{'title':'T','durationMinutes':30,'bufferAfterMinutes':10081}",
        "{'title':'T','durationMinutes':30,'minimumNoticeMinutes':-5}",
        "{'title':'T','durationMinutes':30,'bookingWindowDays':0}",
        "{'title':'T','durationMinutes':30,'bookingWindowDays':366}",
        "{'title':'T','durationMinutes':30,'maxBookingsPerDay':0}",
        "{'title':'T','durationMinutes':30,'maxBookingsPerDay':10001}",
        "{'title':['T'],'durationMinutes':30}",
    })
    void badEventTypesAre400(String badBody) {
      assertError(run(bearer(put(hostPath("/event-types/intro"), json(badBody)), hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aTitleOverAThousandCharactersIs400() {
      String body = json("{'title':'" + "t".repeat(1001) + "','durationMinutes':30}");
      assertError(run(bearer(put(hostPath("/event-types/intro"), body), hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void eventTypesCannotBePosted() {
      assertError(run(bearer(post(hostPath("/event-types"), "{}"), hostToken)), 405, "method_not_allowed");
    }
  }

  @Nested
  class BusyTest {
    @Test
    void replacingBusyTimeSendsTheIntervalsAsInstants() {
      var body = assertOk(run(bearer(put(hostPath("/busy/work-calendar"), json("""
          {'intervals':[{'start':'2027-03-15T09:00:00-04:00','end':'2027-03-15T10:00:00-04:00'},
                        {'start':'2027-03-16T13:00:00Z','end':'2027-03-16T14:30:00Z'}]}""")), hostToken)), 200);

      ReplaceBusy command = entities.onlyCommand(hostId, ReplaceBusy.class);
      assertThat(command.access()).isEqualTo(hostAccess(hostToken));
      assertThat(command.sourceId()).isEqualTo("work-calendar");
      assertThat(command.intervals()).containsExactly(
          new Interval(Instant.parse("2027-03-15T13:00:00Z"), Instant.parse("2027-03-15T14:00:00Z")),
          new Interval(Instant.parse("2027-03-16T13:00:00Z"), Instant.parse("2027-03-16T14:30:00Z")));
      assertThat(body.path("intervals").get(0).path("start").asText()).isEqualTo("2027-03-15T13:00:00Z");
    }

    @Test
    void anEmptyListClearsTheSource() {
      assertOk(run(bearer(put(hostPath("/busy/work"), json("{'intervals':[]}")), hostToken)), 200);
      assertThat(entities.onlyCommand(hostId, ReplaceBusy.class).intervals()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%20b", "a%2Fb", "caf%C3%A9",
        "s123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
            + "12345678901234567890123456789012345678"})
    void badSourceIdsAre400(String sourceId) {
      assertError(run(bearer(put(hostPath("/busy/" + sourceId), json("{'intervals':[]}")), hostToken)),
          400, "invalid_request");
      entities.assertNothingAsked();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{'intervals':null}",
        "{'intervals':[null]}",
        "{'intervals':[{'start':'2027-03-15T10:00:00Z','end':'2027-03-15T10:00:00Z'}]}",
        "{'intervals':[{'start':'2027-03-15T11:00:00Z','end':'2027-03-15T10:00:00Z'}]}",
        "{'intervals':[{'start':'2027-03-15T10:00:00','end':'2027-03-15T11:00:00'}]}",
        "{'intervals':[{'start':'2027-03-15','end':'2027-03-16'}]}",
        "{'intervals':[{'start':'2027-03-15T10:00:00Z'}]}",
        "{'intervals':{'start':'2027-03-15T10:00:00Z','end':'2027-03-15T11:00:00Z'}}",
    })
    void badIntervalsAre400(String badBody) {
      assertError(run(bearer(put(hostPath("/busy/work"), json(badBody)), hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }
  }
}
