package dev.scheduler.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.http.auth.Tokens;
import dev.scheduler.http.testkit.ApiRouteTest;
import dev.scheduler.http.testkit.FakeEntityClient;
import dev.scheduler.protocol.Ids;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CancelBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListBookings;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RescheduleBooking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.Invitee;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/hosts/{hostId}/bookings}: book (anyone), list (host), one booking (host or its booking token). */
class BookingRoutesTest extends ApiRouteTest {
  private static final String BOOKING = json("""
      {'eventType':'intro','start':'2027-03-15T14:00:00+01:00',
       'invitee':{'name':'Bo','email':'bo@example.com','timeZone':'Europe/Paris'},'notes':'Hi'}""");

  private HttpRequest book(String body) {
    return post(hostPath("/bookings"), body);
  }

  private HttpRequest book(String body, String idempotencyKey) {
    return book(body).addHeader(RawHeader.create("Idempotency-Key", idempotencyKey));
  }

  private Book bookCommand() {
    return entities.onlyCommand(hostId, Book.class);
  }

  @Nested
  class BookTest {
    @Test
    void anyoneBooksAndTheRouteSendsTheParsedRequest() {
      var body = assertOk(run(book(BOOKING, "order-1")), 201);

      Book command = bookCommand();
      var request = command.request();
      assertThat(Ids.looksLikeId(request.bookingId())).isTrue();
      assertThat(request.eventType()).isEqualTo("intro");
      assertThat(request.start()).isEqualTo(Instant.parse("2027-03-15T13:00:00Z"));
      assertThat(request.invitee()).isEqualTo(new Invitee("Bo", "bo@example.com", ZoneId.of("Europe/Paris")));
      assertThat(request.notes()).isEqualTo("Hi");
      assertThat(request.idempotencyKey()).isEqualTo("order-1");
      assertThat(request.requestFingerprint()).hasSize(64);
      assertThat(command.answerBy()).isEqualTo(FakeEntityClient.ANSWER_BY);
      assertThat(body.path("id").asText()).isEqualTo(request.bookingId());
      assertThat(body.path("start").asText()).isEqualTo("2027-03-15T13:00:00Z");
    }

    @Test
    void theAnswerCarriesABookingTokenForThatBooking() {
      var body = assertOk(run(book(BOOKING)), 201);
      String bookingId = body.path("id").asText();
      assertThat(tokens.verifyBookingToken(body.path("bookingToken").asText()))
          .contains(new Tokens.SignedBooking(hostId, bookingId));
    }

    @Test
    void withoutAnIdempotencyKeyTheKeyIsNull() {
      run(book(BOOKING));
      assertThat(bookCommand().request().idempotencyKey()).isNull();
    }

    @Test
    void notesAreOptional() {
      run(book(json("{'eventType':'intro','start':'2027-03-15T13:00:00Z',"
          + "'invitee':{'name':'Bo','email':'bo@example.com','timeZone':'Europe/Paris'}}")));
      assertThat(bookCommand().request().notes()).isNull();
    }

    @Test
    void eachBookingGetsANewId() {
      run(book(BOOKING, "k"));
      run(book(BOOKING, "k"));
      assertThat(entities.asked()).hasSize(2);
      assertThat(((Book) entities.asked().get(0).command()).request().bookingId())
          .isNotEqualTo(((Book) entities.asked().get(1).command()).request().bookingId());
    }

    @Test
    void theFingerprintIsEqualForEqualRequests() {
      run(book(BOOKING, "k1"));
      run(book(json("""
          { 'notes' : 'Hi', 'invitee':{'timeZone':'Europe/Paris','email':'bo@example.com','name':'Bo'},
            'start':'2027-03-15T13:00:00Z', 'eventType':'intro' }"""), "k2"));
      assertThat(fingerprint(0)).isEqualTo(fingerprint(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'eventType':'intro'                  | 'eventType':'deep-dive'",
        "'start':'2027-03-15T14:00:00+01:00'  | 'start':'2027-03-15T14:30:00+01:00'",
        "'name':'Bo'                          | 'name':'Bob'",
        "'email':'bo@example.com'             | 'email':'bob@example.com'",
        "'timeZone':'Europe/Paris'            | 'timeZone':'Europe/Berlin'",
        "'notes':'Hi'                         | 'notes':'Hi!'",
    })
    void theFingerprintDiffersWhenAnyFieldDiffers(String field, String changed) {
      run(book(BOOKING));
      run(book(BOOKING.replace(json(field), json(changed))));
      assertThat(BOOKING).contains(json(field));
      assertThat(fingerprint(0)).isNotEqualTo(fingerprint(1));
    }

    @Test
    void anIdempotencyKeyOf255CharactersIsAccepted() {
      run(book(BOOKING, "k".repeat(255)));
      assertThat(bookCommand().request().idempotencyKey()).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 256})
    void aBlankOrOverLongIdempotencyKeyIs400(int length) {
      String key = length == 1 ? " " : "k".repeat(length);
      assertError(run(book(BOOKING, key)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{",
        "[]",
        "'intro'",
        "{'start':'2027-03-15T13:00:00Z','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':' ','start':'2027-03-15T13:00:00Z','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':'intro','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':'intro','start':'tomorrow','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':'intro','start':1773579600,'invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z'}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':'Bo <bo@example.com>'}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':{'email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':{'name':'','email':'bo@example.com','timeZone':'UTC'}}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':{'name':'Bo','email':'bo','timeZone':'UTC'}}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':{'name':'Bo','email':'bo@example.com'}}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'CEST'}}",
        "{'eventType':'intro','start':'2027-03-15T13:00:00Z','invitee':{'name':'Bo','email':'bo@example.com','timeZone':'UTC'},'notes':['a']}",
    })
    void badBookingsAre400(String badBody) {
      assertError(run(book(json(badBody))), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void deeplyNestedJsonIs400() {
      String nested = "[".repeat(5000) + "]".repeat(5000);
      assertError(run(book(BOOKING.replace("\"Hi\"", "\"Hi\",\"extra\":" + nested))), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void theEventTypeOfABookingIsNotCheckedAsASlugButPassedToTheEntity() {
      run(book(BOOKING.replace("\"intro\"", "\"Not A Slug\"")));
      assertThat(bookCommand().request().eventType()).isEqualTo("Not A Slug");
    }

    @Test
    void notesOverAThousandCharactersAre400() {
      assertError(run(book(BOOKING.replace("Hi", "n".repeat(1001)))), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aNameOverAThousandCharactersIs400() {
      assertError(run(book(BOOKING.replace("\"Bo\"", "\"" + "b".repeat(1001) + "\""))), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'name':'Bo'", "'notes':'Hi'", "'eventType':'intro'", "'email':'bo@example.com'"})
    void textWithAnUnpairedSurrogateIs400(String field) {
      String broken = field.replace("'Bo'", "'Bo\\ud800'").replace("'Hi'", "'Hi\\udc00'")
          .replace("'intro'", "'intro\\ud83d'").replace("'bo@", "'\\udfffbo@");
      assertError(run(book(BOOKING.replace(json(field), json(broken)))), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void textWithSurrogatePairsIsAccepted() {
      run(book(BOOKING.replace("\"Hi\"", "\"Hi \\ud83d\\udc4b\"")));
      assertThat(bookCommand().request().notes()).isEqualTo("Hi \ud83d\udc4b");
    }

    @Test
    void aBodyOver64KiBIs413() {
      String padded = BOOKING.replace("'", "").replace("\"Hi\"", "\"Hi\",\"padding\":\"" + "x".repeat(64 * 1024) + "\"");
      assertError(run(book(padded)), 413, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aStreamedBodyOver64KiBIs413() {
      var chunks = Source.repeat(ByteString.fromString("x".repeat(1024))).take(65);
      var request = HttpRequest.POST(hostPath("/bookings"))
          .withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, chunks));
      assertError(run(request), 413, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aBodyOfExactly64KiBIsRead() {
      String notes = "\"notes\":\"Hi\"";
      String padding = "\"padding\":\"\"";
      int room = 64 * 1024 - BOOKING.length() - padding.length() - 1;
      String body = BOOKING.replace(notes, notes + ",\"padding\":\"" + "x".repeat(room) + "\"");
      assertThat(body.length()).isEqualTo(64 * 1024);
      assertOk(run(book(body)), 201);
    }

    @Test
    void aBodySentAsAFormByCurlIsReadAsJson() {
      var request = HttpRequest.POST(hostPath("/bookings")).withEntity(
          HttpEntities.create(ContentTypes.create(org.apache.pekko.http.javadsl.model.MediaTypes.APPLICATION_X_WWW_FORM_URLENCODED), BOOKING));
      assertOk(run(request), 201);
    }

    @Test
    void bookingIgnoresAnyToken() {
      assertOk(run(bearer(book(BOOKING), "nonsense")), 201);
      assertOk(run(book(BOOKING).withUri(hostPath("/bookings?token=nonsense"))), 201);
    }

    @Test
    void bookingsCannotBeReplacedOrDeleted() {
      assertError(run(put(hostPath("/bookings"), BOOKING)), 405, "method_not_allowed");
      assertError(run(delete(hostPath("/bookings"))), 405, "method_not_allowed");
    }

    private String fingerprint(int ask) {
      return ((Book) entities.asked().get(ask).command()).request().requestFingerprint();
    }
  }

  @Nested
  class ListTest {
    @Test
    void theHostListsWithFromToAndStatus() {
      var body = assertOk(run(bearer(get(hostPath(
          "/bookings?from=2027-03-01T00:00:00-05:00&to=2027-04-01T00:00:00Z&status=cancelled")), hostToken)), 200);

      ListBookings command = entities.onlyCommand(hostId, ListBookings.class);
      assertThat(command.access()).isEqualTo(hostAccess(hostToken));
      assertThat(command.from()).isEqualTo(Instant.parse("2027-03-01T05:00:00Z"));
      assertThat(command.to()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
      assertThat(command.status()).isEqualTo(BookingStatus.CANCELLED);
      assertThat(body.path("bookings").get(0).path("id").asText()).isEqualTo("b1");
      assertThat(body.path("bookings").get(0).has("bookingToken")).isFalse();
    }

    @Test
    void withoutParametersEveryBoundIsOpen() {
      run(bearer(get(hostPath("/bookings")), hostToken));
      ListBookings command = entities.onlyCommand(hostId, ListBookings.class);
      assertThat(command.from()).isNull();
      assertThat(command.to()).isNull();
      assertThat(command.status()).isNull();
    }

    @Test
    void withoutATokenTheEntityHearsAnAnonymousCaller() {
      run(get(hostPath("/bookings")));
      assertThat(entities.onlyCommand(hostId, ListBookings.class).access()).isEqualTo(Access.anonymous());
    }

    @Test
    void theHostTokenIsRefusedInTheQuery() {
      assertError(run(get(hostPath("/bookings?token=" + hostToken))), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aBookingTokenIsPassedForTheEntityToJudge() {
      run(bearer(get(hostPath("/bookings")), bookingToken("b1")));
      assertThat(entities.onlyCommand(hostId, ListBookings.class).access()).isEqualTo(Access.bookingToken("b1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "from=2027-04-01T00:00:00Z&to=2027-03-01T00:00:00Z",
        "from=2027-03-01T00:00:00Z&to=2027-03-01T00:00:00Z",
        "from=2027-03-01T01:00:00%2B01:00&to=2027-03-01T00:00:00Z",
        "from=2027-03-01",
        "to=yesterday",
        "from=",
        "status=DONE",
        "status=",
    })
    void badParametersAre400(String query) {
      assertError(run(bearer(get(hostPath("/bookings?" + query)), hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aWrongTokenIsRefusedBeforeTheParametersAreRead() {
      assertError(run(bearer(get(hostPath("/bookings?status=DONE")), "nonsense")), 401, "unauthorized");
    }
  }

  @Nested
  class OneBookingTest {
    @Test
    void theHostReadsABooking() {
      var body = assertOk(run(bearer(get(hostPath("/bookings/b1")), hostToken)), 200);
      GetBooking command = entities.onlyCommand(hostId, GetBooking.class);
      assertThat(command.access()).isEqualTo(hostAccess(hostToken));
      assertThat(command.bookingId()).isEqualTo("b1");
      assertThat(body.path("id").asText()).isEqualTo("b1");
      assertThat(body.has("bookingToken")).isFalse();
    }

    @Test
    void theBookingTokenIsPassedAsProofOfThatBooking() {
      run(bearer(get(hostPath("/bookings/b1")), bookingToken("b1")));
      assertThat(entities.onlyCommand(hostId, GetBooking.class).access()).isEqualTo(Access.bookingToken("b1"));
    }

    @Test
    void theBookingTokenWorksInTheQueryForInviteeLinks() {
      run(get(hostPath("/bookings/b1?token=" + bookingToken("b1"))));
      assertThat(entities.onlyCommand(hostId, GetBooking.class).access()).isEqualTo(Access.bookingToken("b1"));
    }

    @Test
    void aBearerTokenWinsOverTheQuery() {
      run(bearer(get(hostPath("/bookings/b1?token=" + bookingToken("b1"))), hostToken));
      assertThat(entities.onlyCommand(hostId, GetBooking.class).access()).isEqualTo(hostAccess(hostToken));
    }

    @Test
    void aTokenOfAnotherBookingOfTheHostIsPassedForTheEntityToRefuse() {
      run(bearer(get(hostPath("/bookings/b2")), bookingToken("b1")));
      GetBooking command = entities.onlyCommand(hostId, GetBooking.class);
      assertThat(command.access()).isEqualTo(Access.bookingToken("b1"));
      assertThat(command.bookingId()).isEqualTo("b2");
    }

    @Test
    void aTamperedBookingTokenIs401() {
      String tampered = bookingToken("b1").replace(".b1.", ".b2.");
      assertError(run(bearer(get(hostPath("/bookings/b2")), tampered)), 401, "unauthorized");
      assertError(run(get(hostPath("/bookings/b2?token=" + tampered))), 401, "unauthorized");
      entities.assertNothingAsked();
    }

    @Test
    void aBookingTokenSignedWithAnotherKeyIs401() {
      byte[] otherKey = new byte[32];
      String forged = new Tokens(otherKey).bookingToken(hostId, "b1");
      assertError(run(bearer(get(hostPath("/bookings/b1")), forged)), 401, "unauthorized");
      entities.assertNothingAsked();
    }

    @Test
    void aBookingTokenOfAnotherHostIs403() {
      String foreign = tokens.bookingToken(Ids.newId(), "b1");
      assertError(run(bearer(get(hostPath("/bookings/b1")), foreign)), 403, "forbidden");
      assertError(run(get(hostPath("/bookings/b1?token=" + foreign))), 403, "forbidden");
      entities.assertNothingAsked();
    }

    @Test
    void anUnknownAddressUnderABookingIs404() {
      assertError(run(bearer(get(hostPath("/bookings/b1/invoice")), hostToken)), 404, "not_found");
      entities.assertNothingAsked();
    }

    @Test
    void aBookingCannotBeDeleted() {
      assertError(run(bearer(delete(hostPath("/bookings/b1")), hostToken)), 405, "method_not_allowed");
    }
  }

  @Nested
  class CancelTest {
    @Test
    void cancellingSendsTheReason() {
      var body = assertOk(run(bearer(post(hostPath("/bookings/b1/cancel"), json("{'reason':'Something came up'}")),
          bookingToken("b1"))), 200);
      CancelBooking command = entities.onlyCommand(hostId, CancelBooking.class);
      assertThat(command.access()).isEqualTo(Access.bookingToken("b1"));
      assertThat(command.bookingId()).isEqualTo("b1");
      assertThat(command.reason()).isEqualTo("Something came up");
      assertThat(body.path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void anEmptyBodyCancelsWithoutAReason() {
      run(bearer(post(hostPath("/bookings/b1/cancel"), ""), hostToken));
      CancelBooking command = entities.onlyCommand(hostId, CancelBooking.class);
      assertThat(command.access()).isEqualTo(hostAccess(hostToken));
      assertThat(command.reason()).isNull();
    }

    @Test
    void theBookingTokenWorksInTheQuery() {
      run(post(hostPath("/bookings/b1/cancel?token=" + bookingToken("b1")), ""));
      assertThat(entities.onlyCommand(hostId, CancelBooking.class).access()).isEqualTo(Access.bookingToken("b1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "{'reason':{'text':'x'}}"})
    void aBadBodyIs400(String badBody) {
      assertError(run(bearer(post(hostPath("/bookings/b1/cancel"), json(badBody)), hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void aReasonOverAThousandCharactersIs400() {
      assertError(run(bearer(post(hostPath("/bookings/b1/cancel"), json("{'reason':'" + "r".repeat(1001) + "'}")),
          hostToken)), 400, "invalid_request");
      entities.assertNothingAsked();
    }

    @Test
    void cancelTakesOnlyPost() {
      assertError(run(bearer(get(hostPath("/bookings/b1/cancel")), hostToken)), 405, "method_not_allowed");
      entities.assertNothingAsked();
    }
  }

  @Nested
  class RescheduleTest {
    @Test
    void reschedulingSendsTheNewStart() {
      var body = assertOk(run(bearer(post(hostPath("/bookings/b1/reschedule"),
          json("{'start':'2027-03-16T10:00:00-04:00'}")), bookingToken("b1"))), 200);
      RescheduleBooking command = entities.onlyCommand(hostId, RescheduleBooking.class);
      assertThat(command.access()).isEqualTo(Access.bookingToken("b1"));
      assertThat(command.bookingId()).isEqualTo("b1");
      assertThat(command.newStart()).isEqualTo(Instant.parse("2027-03-16T14:00:00Z"));
      assertThat(body.path("start").asText()).isEqualTo("2027-03-16T14:00:00Z");
    }

    @Test
    void theBookingTokenWorksInTheQuery() {
      run(post(hostPath("/bookings/b1/reschedule?token=" + bookingToken("b1")), json("{'start':'2027-03-16T14:00:00Z'}")));
      assertThat(entities.onlyCommand(hostId, RescheduleBooking.class).access()).isEqualTo(Access.bookingToken("b1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{'start':''}", "{'start':'2027-03-16 14:00'}", "{'start':'2027-03-16T14:00:00'}",
        "{'start':42}"})
    void aMissingOrBadStartIs400(String badBody) {
      assertError(run(bearer(post(hostPath("/bookings/b1/reschedule"), json(badBody)), hostToken)),
          400, "invalid_request");
      entities.assertNothingAsked();
    }
  }
}
