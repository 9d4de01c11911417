package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: request bodies are read strictly. A JSON type that is not the field's type, a field
 * given twice, deep nesting, an over-long number and a date or instant outside 1900-2200 are 400
 * in the JSON shape, naming the field, before any entity is asked.
 */
class StrictJsonRoutesTest extends ApiRouteTest {

  private TestRouteResult putEventType(String singleQuoted) {
    return run(bearer(put(hostPath("/event-types/intro"), json(singleQuoted)), hostToken));
  }

  private JsonNode assertRefused(TestRouteResult result, String field) {
    JsonNode body = assertError(result, 400, "invalid_request");
    assertThat(body.path("message").asText()).contains(field);
    entities.assertNothingAsked();
    connections.assertNothingCalled();
    return body;
  }

  @ParameterizedTest
  @ValueSource(strings = {"'30'", "30.5", "30.0", "3e1", "true", "''", "[30]", "{'n':30}"})
  void anIntegerFieldTakesOnlyAJsonInteger(String value) {
    assertRefused(putEventType("{'title':'T','durationMinutes':" + value + "}"), "durationMinutes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"'15'", "15.5", "false"})
  void optionalIntegerFieldsAreAsStrict(String value) {
    assertRefused(putEventType("{'title':'T','durationMinutes':30,'bufferBeforeMinutes':" + value + "}"),
        "bufferBeforeMinutes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5.5", "true", "['T']", "{'t':'T'}"})
  void aStringFieldTakesOnlyAJsonString(String value) {
    assertRefused(putEventType("{'title':" + value + ",'durationMinutes':30}"), "title");
  }

  @ParameterizedTest
  @ValueSource(strings = {"'true'", "1", "0", "'yes'"})
  void aBooleanFieldTakesOnlyTrueOrFalse(String value) {
    assertRefused(run(bearer(put(hostPath("/calendars/c1"), json("{'countsForConflicts':" + value + "}")), hostToken)),
        "countsForConflicts");
  }

  @Test
  void nestedFieldsAreNamedWithTheirPath() {
    assertRefused(run(post(hostPath("/bookings"), json(
            "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':{'name':7,'email':'e@x.org','timeZone':'UTC'}}"))),
        "invitee.name");
  }

  @Test
  void aFieldGivenTwiceIsRefused() {
    assertRefused(putEventType("{'title':'T','durationMinutes':30,'durationMinutes':45}"), "durationMinutes");
  }

  @ParameterizedTest
  @CsvSource({"99999999999", "2147483648", "-2147483649"})
  void aNumberBeyondAnIntIsRefusedByName(String number) {
    assertRefused(putEventType("{'title':'T','durationMinutes':" + number + "}"), "durationMinutes");
  }

  @Test
  void aThousandDigitNumberIsRefusedBeforeItIsParsed() {
    assertRefused(putEventType("{'title':'T','durationMinutes':" + "9".repeat(1000) + "}"), "durationMinutes");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    JsonNode body = assertError(putEventType("{'title':'T','durationMinutes':30,'extra':" + deep + "}"), 400,
        "invalid_request");
    assertThat(body.path("message").asText()).contains("nesting");
    entities.assertNothingAsked();
  }

  @Test
  void somethingAfterTheObjectIsRefused() {
    assertError(putEventType("{'title':'T','durationMinutes':30} {'title':'U'}"), 400, "invalid_request");
    entities.assertNothingAsked();
  }

  @Test
  void unknownFieldsAreIgnoredSoThatAnswersCanBeSentBack() {
    assertOk(putEventType("{'slug':'intro','title':'T','durationMinutes':30,'futureField':{'a':[1,2]}}"), 200);
    assertThat(entities.onlyCommand(hostId, SaveEventType.class).eventType().durationMinutes()).isEqualTo(30);
  }

  @Test
  void theValidBodyStillPasses() {
    assertOk(putEventType("{'title':'T','durationMinutes':30,'slotIntervalMinutes':15,'bufferBeforeMinutes':0}"), 200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1899-12-31T23:59:59Z", "2201-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
      "-0001-01-01T00:00:00Z"})
  void aBookingStartOutsideTheSupportedYearsIs400(String start) {
    assertRefused(run(post(hostPath("/bookings"), json("{'eventType':'intro','start':'" + start
        + "','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'}}"))), "start");
  }

  @Test
  void aRescheduleOutsideTheSupportedYearsIs400() {
    assertRefused(run(bearer(post(hostPath("/bookings/b1/reschedule"), json("{'start':'2201-01-01T00:00:00Z'}")),
        hostToken)), "start");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1899-12-31T00:00:00Z | 2027-01-01T00:00:00Z | intervals.start",
      "2027-01-01T00:00:00Z | 2201-01-01T00:00:00Z | intervals.end"})
  void busyTimeOutsideTheSupportedYearsIs400(String start, String end, String field) {
    assertRefused(run(bearer(put(hostPath("/busy/outlook"),
        json("{'intervals':[{'start':'" + start + "','end':'" + end + "'}]}")), hostToken)), field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"from=2201-01-01T00:00:00Z", "to=1899-01-01T00:00:00Z"})
  void bookingListingsOutsideTheSupportedYearsAre400(String query) {
    assertRefused(run(bearer(get(hostPath("/bookings?" + query.replace("+", "%2B"))), hostToken)),
        query.substring(0, query.indexOf('=')));
  }

  @Test
  void scheduleOverridesOutsideTheSupportedYearsAre400() {
    assertRefused(run(bearer(put(hostPath("/schedule"),
        json("{'timeZone':'UTC','overrides':[{'date':'2201-01-01','intervals':[]}]}")), hostToken)), "overrides.date");
  }

  @Test
  void theFirstAndLastSupportedInstantsAreAccepted() {
    assertOk(run(bearer(put(hostPath("/busy/outlook"),
        json("{'intervals':[{'start':'1900-01-01T00:00:00Z','end':'2200-12-31T23:59:59Z'}]}")), hostToken)), 200);
  }

}
