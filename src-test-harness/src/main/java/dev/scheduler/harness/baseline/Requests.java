package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.InviteeJson;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Field checks with the node's messages: every bad value is a 400 invalid_request. */
final class Requests {
  private static final int MAX_TEXT = 1000;

  private Requests() {}

  static ZoneId zone(String field, String text) {
    required(field, text);
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw HttpRefusal.invalid("'" + text + "' in " + field + " is not an IANA time zone such as Europe/Paris.");
    }
  }

  static Instant instant(String field, String text) {
    required(field, text);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw HttpRefusal.invalid("'" + text + "' in " + field
          + " is not an ISO-8601 instant with an offset, such as 2027-03-15T13:00:00Z.");
    }
  }

  static LocalDate date(String field, String text) {
    required(field, text);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw HttpRefusal.invalid("'" + text + "' in " + field + " is not a date such as 2027-03-15.");
    }
  }

  static String text(String field, String value) {
    required(field, value);
    if (value.isBlank()) {
      throw HttpRefusal.invalid(field + " must not be empty.");
    }
    return optionalText(field, value);
  }

  static String optionalText(String field, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw HttpRefusal.invalid(field + " is longer than " + MAX_TEXT + " characters.");
    }
    return value;
  }

  static String email(String field, String value) {
    String email = text(field, value);
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw HttpRefusal.invalid("'" + email + "' in " + field + " is not an email address.");
    }
    return email;
  }

  /** Returned with the zone id normalised, as the node stores it. */
  static InviteeJson invitee(InviteeJson json) {
    if (json == null) {
      throw HttpRefusal.invalid("invitee is required.");
    }
    return new InviteeJson(text("invitee.name", json.name()), email("invitee.email", json.email()),
        zone("invitee.timeZone", json.timeZone()).getId());
  }

  private static void required(String field, Object value) {
    if (value == null) {
      throw HttpRefusal.invalid(field + " is required.");
    }
  }
}
