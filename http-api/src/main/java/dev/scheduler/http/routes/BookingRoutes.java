package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.ApiError;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.protocol.Ids;
import dev.scheduler.http.auth.Tokens;
import dev.scheduler.http.json.RequestReader;
import dev.scheduler.http.json.ResponseWriter;
import dev.scheduler.http.json.BookingJson;
import dev.scheduler.protocol.calendar.HostCalendarCommand.Book;
import dev.scheduler.protocol.calendar.NewBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CancelBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ListBookings;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RescheduleBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RetryCalendarWrite;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.notify.BookingNotifications;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** Everything under {@code /api/v1/hosts/{hostId}/bookings}. */
public final class BookingRoutes extends RouteSupport {
  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final EntityClient entities;
  private final Credentials credentials;
  private final Tokens tokens;
  private final BookingNotifications notifications;

  public BookingRoutes(EntityClient entities, Credentials credentials, Tokens tokens) {
    this(entities, credentials, tokens, BookingNotifications.NONE);
  }

  public BookingRoutes(EntityClient entities, Credentials credentials, Tokens tokens,
      BookingNotifications notifications) {
    this.entities = entities;
    this.credentials = credentials;
    this.tokens = tokens;
    this.notifications = notifications;
  }

  public Route routes(String hostId) {
    return withBearerOrQueryToken(token -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> book(hostId)),
            get(() -> list(hostId, token)))),
        path(segment(), bookingId -> get(() -> getOne(hostId, bookingId, token))),
        path(segment().slash("cancel"), bookingId -> post(() -> cancel(hostId, bookingId, token))),
        path(segment().slash("reschedule"), bookingId -> post(() -> reschedule(hostId, bookingId, token))),
        path(segment().slash("calendar-write").slash("retry"),
            bookingId -> post(() -> retryCalendarWrite(hostId, bookingId, token)))));
  }

  private Route book(String hostId) {
    return optionalHeaderValueByName("Idempotency-Key", key -> withJsonBody(BookingJson.BookingRequest.class, body -> {
      NewBooking request = newBooking(body, key.map(BookingRoutes::idempotencyKey).orElse(null));
      return respond(StatusCodes.CREATED, entities.<BookingResult>askHost(hostId,
              r -> new Book(request, entities.answerBy(), r))
          .thenApply(result -> withToken(hostId, result.booking())));
    }));
  }

  private Route list(String hostId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return parameterOptional("from", from -> parameterOptional("to", to -> parameterOptional("status", status -> {
      Instant fromInstant = from.map(f -> RequestReader.instant("from", f)).orElse(null);
      Instant toInstant = to.map(t -> RequestReader.instant("to", t)).orElse(null);
      if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
        throw ApiError.invalid("'to' must be after 'from'.");
      }
      BookingStatus wanted = status.map(BookingRoutes::status).orElse(null);
      return respond(StatusCodes.OK, entities.<BookingList>askHost(
              hostId, r -> new ListBookings(access, fromInstant, toInstant, wanted, r))
          .thenApply(list -> new BookingJson.BookingsResponse(list.bookings().stream()
              .map(b -> ResponseWriter.booking(hostId, b, null)).toList())));
    })));
  }

  private Route getOne(String hostId, String bookingId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    // The entity answers first: it refuses a caller who may not read the booking, before any
    // notification is looked up.
    return respond(StatusCodes.OK, entities.<Booking>askHost(hostId, r -> new GetBooking(access, bookingId, r))
        .thenCompose(b -> notifications.of(hostId, b.id())
            .thenApply(sent -> BookingJson.withNotifications(ResponseWriter.booking(hostId, b, null), sent))));
  }

  private Route cancel(String hostId, String bookingId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBodyOrEmpty(BookingJson.CancelRequest.class, new BookingJson.CancelRequest(null), body -> {
      String reason = RequestReader.optionalText("reason", body.reason());
      return respond(StatusCodes.OK, entities.<Booking>askHost(hostId, r -> new CancelBooking(access, bookingId, reason, r))
          .thenApply(b -> ResponseWriter.booking(hostId, b, null)));
    });
  }

  private Route reschedule(String hostId, String bookingId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBody(BookingJson.RescheduleRequest.class, body -> {
      Instant start = RequestReader.instant("start", body.start());
      return respond(StatusCodes.OK, entities.<Booking>askHost(
              hostId, r -> new RescheduleBooking(access, bookingId, start, r))
          .thenApply(b -> ResponseWriter.booking(hostId, b, null)));
    });
  }

  // 202: the write is queued again; the booking's calendarWrite says when it lands.
  private Route retryCalendarWrite(String hostId, String bookingId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return respond(StatusCodes.ACCEPTED, entities.<Booking>askHost(hostId, r -> new RetryCalendarWrite(access, bookingId, r))
        .thenApply(b -> ResponseWriter.booking(hostId, b, null)));
  }

  private BookingJson.BookingResponse withToken(String hostId, Booking booking) {
    return ResponseWriter.booking(hostId, booking, tokens.bookingToken(hostId, booking.id()));
  }

  private static NewBooking newBooking(BookingJson.BookingRequest body, String idempotencyKey) {
    String eventType = RequestReader.text("eventType", body.eventType());
    Instant start = RequestReader.instant("start", body.start());
    Invitee invitee = RequestReader.invitee(body.invitee());
    String notes = RequestReader.optionalText("notes", body.notes());
    String fingerprint = Tokens.sha256Hex(String.join("\n", eventType, start.toString(), invitee.name(),
        invitee.email(), invitee.timeZone().getId(), notes == null ? "" : notes));
    return new NewBooking(Ids.newId(), eventType, start, invitee, notes, idempotencyKey, fingerprint);
  }

  private static String idempotencyKey(String key) {
    if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY) {
      throw ApiError.invalid("An Idempotency-Key has 1 to " + MAX_IDEMPOTENCY_KEY + " characters.");
    }
    return key;
  }

  private static BookingStatus status(String text) {
    try {
      return BookingStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("status is CONFIRMED or CANCELLED, not '" + text + "'.");
    }
  }
}
