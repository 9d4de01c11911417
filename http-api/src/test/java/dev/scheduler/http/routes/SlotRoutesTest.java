package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSlots;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/v1/hosts/{hostId}/event-types/{slug}/slots?start=&end=&timeZone=}: anyone. */
class SlotRoutesTest extends ApiRouteTest {

  private String slots(String query) {
    return hostPath("/event-types/intro/slots?" + query);
  }

  @Test
  void anyoneListsSlotsForTheDatesOfAZone() {
    var body = assertOk(run(get(slots("start=2027-03-15&end=2027-03-21&timeZone=Europe/Paris"))), 200);

    GetSlots command = entities.onlyCommand(hostId, GetSlots.class);
    assertThat(command.eventType()).isEqualTo("intro");
    assertThat(command.startDate()).isEqualTo(LocalDate.parse("2027-03-15"));
    assertThat(command.endDate()).isEqualTo(LocalDate.parse("2027-03-21"));
    assertThat(command.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(body.path("timeZone").asText()).isEqualTo("Europe/Paris");
    assertThat(body.path("days")).hasSize(7);
    assertThat(body.path("days").get(0).path("date").asText()).isEqualTo("2027-03-15");
    assertThat(body.path("days").get(0).path("slots").get(0).path("localStart").asText())
        .isEqualTo("2027-03-15T09:00:00+01:00");
  }

  @Test
  void withoutAZoneTheScheduleZoneIsUsed() {
    run(get(slots("start=2027-03-15&end=2027-03-15")));
    assertThat(entities.onlyCommand(hostId, GetSlots.class).timeZone()).isNull();
  }

  @Test
  void sixtyTwoDaysCanBeListed() {
    assertOk(run(get(slots("start=2027-03-01&end=2027-05-01"))), 200);
    assertThat(entities.onlyCommand(hostId, GetSlots.class).endDate()).isEqualTo(LocalDate.parse("2027-05-01"));
  }

  @Test
  void sixtyThreeDaysAre400() {
    assertError(run(get(slots("start=2027-03-01&end=2027-05-02"))), 400, "invalid_request");
    entities.assertNothingAsked();
  }

  @Test
  void anEndBeforeTheStartIs400() {
    assertError(run(get(slots("start=2027-03-15&end=2027-03-14"))), 400, "invalid_request");
    entities.assertNothingAsked();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "end=2027-03-15",
      "start=2027-03-15",
      "start=2027-03-15&end=",
      "start=2027-13-01&end=2027-13-02",
      "start=2027-03-15T00:00:00Z&end=2027-03-16",
      "start=15.03.2027&end=16.03.2027",
      "start=2027-03-15&end=2027-03-16&timeZone=Europe/Atlantis",
      "start=2027-03-15&end=2027-03-16&timeZone=",
  })
  void missingOrBadParametersAre400(String query) {
    assertError(run(get(slots(query))), 400, "invalid_request");
    entities.assertNothingAsked();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "start=%2B999999999-12-31&end=%2B999999999-12-31",
      "start=%2B10000-01-01&end=%2B10000-01-02",
      "start=1899-12-31&end=1900-01-01",
      "start=2200-12-31&end=2201-01-01",
      "start=-999999999-01-01&end=-999999999-01-01",
  })
  void datesOutsideTheSupportedRangeAre400(String query) {
    assertError(run(get(slots(query))), 400, "invalid_request");
    entities.assertNothingAsked();
  }

  @Test
  void theLastSupportedDateIsAccepted() {
    assertOk(run(get(slots("start=2200-12-31&end=2200-12-31"))), 200);
    assertThat(entities.onlyCommand(hostId, GetSlots.class).endDate()).isEqualTo(LocalDate.parse("2200-12-31"));
  }

  @Test
  void tokensAreNotLookedAt() {
    assertOk(run(bearer(get(slots("start=2027-03-15&end=2027-03-15")), "nonsense")), 200);
    entities.onlyCommand(hostId, GetSlots.class);
  }

  @Test
  void theSlugIsPassedToTheEntityAsItIs() {
    run(get(hostPath("/event-types/Not_A_Slug/slots?start=2027-03-15&end=2027-03-15")));
    assertThat(entities.onlyCommand(hostId, GetSlots.class).eventType()).isEqualTo("Not_A_Slug");
  }

  @Test
  void slotsTakeOnlyGet() {
    assertError(run(post(slots("start=2027-03-15&end=2027-03-15"), "{}")), 405, "method_not_allowed");
    entities.assertNothingAsked();
  }
}
