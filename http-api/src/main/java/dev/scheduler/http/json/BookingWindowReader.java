package dev.scheduler.http.json;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.json.EventTypeJson.BookingWindowJson;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.BookingWindow.Kind;
import dev.scheduler.protocol.model.EventType;
import java.time.LocalDate;

/** Reads an event type's booking window from either of its two JSON forms. */
final class BookingWindowReader {
  static final int MAX_DAYS = 365;

  private BookingWindowReader() {}

  static BookingWindow read(Integer bookingWindowDays, BookingWindowJson json) {
    if (json == null) {
      return BookingWindow.rolling(RequestReader.bounded(
          "bookingWindowDays", bookingWindowDays, EventType.DEFAULT_BOOKING_WINDOW_DAYS, 1, MAX_DAYS));
    }
    if (bookingWindowDays != null) {
      throw ApiError.invalid("Give either bookingWindowDays or bookingWindow, not both.");
    }
    if (json.kind() == null) {
      throw ApiError.invalid("bookingWindow.kind is required: rolling, indefinite or dateRange.");
    }
    Kind kind = Kind.fromWireName(json.kind()).orElseThrow(() -> ApiError.invalid(
        "bookingWindow.kind is rolling, indefinite or dateRange, not '" + json.kind() + "'."));
    return switch (kind) {
      case ROLLING -> {
        onlyFor(kind, json.firstDate() == null && json.lastDate() == null, "firstDate and lastDate");
        yield BookingWindow.rolling(RequestReader.bounded("bookingWindow.days", json.days(), null, 1, MAX_DAYS));
      }
      case INDEFINITE -> {
        onlyFor(kind, json.days() == null && json.firstDate() == null && json.lastDate() == null,
            "days, firstDate and lastDate");
        yield BookingWindow.indefinite();
      }
      case DATE_RANGE -> {
        onlyFor(kind, json.days() == null, "days");
        yield dateRange(RequestReader.date("bookingWindow.firstDate", json.firstDate()),
            RequestReader.date("bookingWindow.lastDate", json.lastDate()));
      }
    };
  }

  private static BookingWindow dateRange(LocalDate first, LocalDate last) {
    if (last.isBefore(first)) {
      throw ApiError.invalid("bookingWindow.lastDate " + last + " is before its firstDate " + first + ".");
    }
    // The API's range (to 2200) is narrower than what stored windows may hold (to 9999).
    if (first.isBefore(BookingWindow.EARLIEST_DATE) || last.isAfter(BookingWindow.LATEST_DATE)) {
      throw ApiError.invalid("A bookingWindow's dates lie from " + BookingWindow.EARLIEST_DATE + " to "
          + RequestReader.LAST_DATE + ".");
    }
    return BookingWindow.dateRange(first, last);
  }

  private static void onlyFor(Kind kind, boolean absent, String fields) {
    if (!absent) {
      throw ApiError.invalid("A bookingWindow of kind " + kind.wireName() + " takes no " + fields + ".");
    }
  }
}
