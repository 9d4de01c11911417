package dev.scheduler.http.json;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.json.BookingJson.InviteeJson;
import dev.scheduler.http.json.BusyJson;
import dev.scheduler.http.json.EventTypeJson.EventTypeRequest;
import dev.scheduler.http.json.ScheduleJson;
import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.Reminder;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Invitee;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.WallClockRange;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns JSON request shapes into domain values, refusing bad input with a clear message. */
public final class RequestReader {
  private static final int MAX_TEXT = 1000;
  private static final int MAX_MINUTES = 7 * 24 * 60;
  // Compiled once: every booking checks an email, and String.matches compiles its pattern per call.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  /**
   * The dates and instants the API takes lie in these years (issue 11): far enough for any
   * meeting, and near enough that no date arithmetic of the domain (the day after, a week of slots,
   * a zone's offset) can leave what java.time and the serializers handle.
   */
  public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
  public static final LocalDate LAST_DATE = LocalDate.of(2200, 12, 31);

  private RequestReader() {}

  public static ZoneId zone(String field, String text) {
    required(field, text);
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ApiError.invalid("'" + text + "' in " + field + " is not an IANA time zone such as Europe/Paris.");
    }
  }

  /** An ISO-8601 instant with any offset ({@code Z} or {@code +02:00}). */
  public static Instant instant(String field, String text) {
    required(field, text);
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(text);
    } catch (DateTimeException e) {
      throw ApiError.invalid("'" + text + "' in " + field
          + " is not an ISO-8601 instant with an offset, such as 2027-03-15T13:00:00Z.");
    }
    requireInRange(field, time.toLocalDate(), text);
    return time.toInstant();
  }

  /**
   * A date between {@link #FIRST_DATE} and {@link #LAST_DATE}. Unbounded, {@code +999999999-12-31}
   * (LocalDate.MAX) reached the host's entity, whose day after it does not exist: the entity failed.
   */
  public static LocalDate date(String field, String text) {
    required(field, text);
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw ApiError.invalid("'" + text + "' in " + field + " is not a date such as 2027-03-15.");
    }
    requireInRange(field, date, text);
    return date;
  }

  private static void requireInRange(String field, LocalDate date, String text) {
    if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
      throw ApiError.invalid(field + " must lie between " + FIRST_DATE + " and " + LAST_DATE + ", not " + text + ".");
    }
  }

  public static String text(String field, String value) {
    required(field, value);
    if (value.isBlank()) {
      throw ApiError.invalid(field + " must not be empty.");
    }
    return optionalText(field, value);
  }

  public static String optionalText(String field, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw ApiError.invalid(field + " is longer than " + MAX_TEXT + " characters.");
    }
    return wellFormed(field, value);
  }

  /**
   * Refuses text with an unpaired surrogate (a JSON string can spell one with an escape): the
   * CBOR serializer of events and messages cannot write it, so the entity would fail to persist
   * and the caller would wait for a 503 instead of hearing 400 at once.
   */
  public static String wellFormed(String field, String value) {
    if (value != null
        && value.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      throw ApiError.invalid(field + " is not valid Unicode text: it has an unpaired surrogate.");
    }
    return value;
  }

  public static String email(String field, String value) {
    String email = text(field, value);
    if (!EMAIL.matcher(email).matches()) {
      throw ApiError.invalid("'" + email + "' in " + field + " is not an email address.");
    }
    return email;
  }

  public static Invitee invitee(InviteeJson json) {
    if (json == null) {
      throw ApiError.invalid("invitee is required.");
    }
    return new Invitee(text("invitee.name", json.name()), email("invitee.email", json.email()),
        zone("invitee.timeZone", json.timeZone()));
  }

  public static Schedule schedule(ScheduleJson json) {
    ZoneId zone = zone("timeZone", json.timeZone());
    Map<DayOfWeek, List<WallClockRange>> weekly = new HashMap<>();
    if (json.weekly() != null) {
      json.weekly().forEach((day, ranges) -> weekly.put(weekday(day), ranges(day, ranges)));
    }
    Map<LocalDate, List<WallClockRange>> overrides = new HashMap<>();
    if (json.overrides() != null) {
      for (ScheduleJson.DateOverride override : json.overrides()) {
        LocalDate date = date("overrides.date", override == null ? null : override.date());
        if (overrides.put(date, ranges(date.toString(), override.intervals())) != null) {
          throw ApiError.invalid("The override for " + date + " is given twice.");
        }
      }
    }
    try {
      return new Schedule(zone, weekly, overrides);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(e.getMessage());
    }
  }

  public static EventType eventType(String slug, EventTypeRequest json) {
    if (!SLUG.matcher(slug).matches()) {
      throw ApiError.invalid("An event type slug is 1-64 lowercase letters, digits and dashes.");
    }
    int duration = minutes("durationMinutes", json.durationMinutes(), null, 1);
    int interval = minutes("slotIntervalMinutes", json.slotIntervalMinutes(), duration, 1);
    int before = minutes("bufferBeforeMinutes", json.bufferBeforeMinutes(), 0, 0);
    int after = minutes("bufferAfterMinutes", json.bufferAfterMinutes(), 0, 0);
    int notice = minutes("minimumNoticeMinutes", json.minimumNoticeMinutes(), 0, 0);
    BookingWindow window = BookingWindowReader.read(json.bookingWindowDays(), json.bookingWindow());
    Integer maxPerDay = json.maxBookingsPerDay() == null ? null
        : bounded("maxBookingsPerDay", json.maxBookingsPerDay(), null, 1, 10_000);
    int cutoff = minutes("inviteeChangeCutoffMinutes", json.inviteeChangeCutoffMinutes(), 0, 0);
    return new EventType(slug, text("title", json.title()), duration, interval, before, after, notice, window, maxPerDay,
        cutoff, reminders(json.reminders()));
  }

  private static List<Reminder> reminders(List<EventTypeJson.ReminderJson> json) {
    if (json == null) {
      return List.of();
    }
    if (json.size() > Reminder.MAX_PER_EVENT_TYPE) {
      throw ApiError.invalid("An event type has at most " + Reminder.MAX_PER_EVENT_TYPE + " reminders.");
    }
    List<Reminder> reminders = new ArrayList<>();
    for (EventTypeJson.ReminderJson reminder : json) {
      if (reminder == null || reminder.beforeMinutes() == null) {
        throw ApiError.invalid("Each reminder has beforeMinutes.");
      }
      int before = bounded("reminders.beforeMinutes", reminder.beforeMinutes(), null, 1, Reminder.MAX_BEFORE_MINUTES);
      reminders.add(new Reminder(before, reminderTo(reminder.to())));
    }
    return reminders;
  }

  private static Reminder.To reminderTo(String to) {
    if (to == null) {
      return Reminder.To.BOTH;
    }
    return switch (to) {
      case "invitee" -> Reminder.To.INVITEE;
      case "host" -> Reminder.To.HOST;
      case "both" -> Reminder.To.BOTH;
      default -> throw ApiError.invalid("A reminder goes to invitee, host or both.");
    };
  }

  public static List<Interval> busyIntervals(BusyJson.BusyRequest json) {
    if (json.intervals() == null) {
      throw ApiError.invalid("intervals is required (an empty list clears this source).");
    }
    List<Interval> intervals = new ArrayList<>();
    for (BusyJson.IntervalJson interval : json.intervals()) {
      if (interval == null) {
        throw ApiError.invalid("intervals must not contain null.");
      }
      intervals.add(interval("intervals", instant("intervals.start", interval.start()),
          instant("intervals.end", interval.end())));
    }
    return intervals;
  }

  public static Interval interval(String field, Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw ApiError.invalid("In " + field + ", the end " + end + " is not after the start " + start + ".");
    }
    return new Interval(start, end);
  }

  private static DayOfWeek weekday(String name) {
    try {
      return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("'" + name + "' is not a weekday such as MONDAY.");
    }
  }

  private static List<WallClockRange> ranges(String where, List<ScheduleJson.Range> json) {
    if (json == null) {
      throw ApiError.invalid("The ranges of " + where + " must be a list (it may be empty).");
    }
    List<WallClockRange> ranges = new ArrayList<>();
    for (ScheduleJson.Range range : json) {
      if (range == null) {
        throw ApiError.invalid("The ranges of " + where + " must not contain null.");
      }
      try {
        ranges.add(WallClockRange.parse(range.start(), range.end()));
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid("In " + where + ": " + e.getMessage() + ".");
      }
    }
    return ranges;
  }

  private static int minutes(String field, Integer value, Integer fallback, int min) {
    return bounded(field, value, fallback, min, MAX_MINUTES);
  }

  static int bounded(String field, Integer value, Integer fallback, int min, int max) {
    if (value == null) {
      if (fallback == null) {
        throw ApiError.invalid(field + " is required.");
      }
      return fallback;
    }
    if (value < min || value > max) {
      throw ApiError.invalid(field + " must be between " + min + " and " + max + ".");
    }
    return value;
  }

  private static void required(String field, Object value) {
    if (value == null) {
      throw ApiError.invalid(field + " is required.");
    }
  }
}
