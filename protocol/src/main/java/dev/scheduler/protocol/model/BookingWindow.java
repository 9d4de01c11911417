package dev.scheduler.protocol.model;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How far ahead an event type can be booked, one flat record for every kind; the fields a kind
 * does not use are null.
 *
 * <ul>
 *   <li>{@link Kind#ROLLING}: starts before now plus {@code days} days of 24 hours;
 *   <li>{@link Kind#INDEFINITE}: any future start;
 *   <li>{@link Kind#DATE_RANGE}: starts on the local dates {@code firstDate} to {@code lastDate}
 *       (inclusive, whole days in the schedule's zone, however long DST makes them).
 * </ul>
 *
 * Dates lie from {@link #EARLIEST_DATE} to {@link #LATEST_DATE}, the range the scheduler supports.
 */
public record BookingWindow(Kind kind, Integer days, LocalDate firstDate, LocalDate lastDate) {
  public static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);
  public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

  public enum Kind {
    ROLLING("rolling"),
    INDEFINITE("indefinite"),
    DATE_RANGE("dateRange");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    /** The value of {@code kind} in JSON. */
    public String wireName() {
      return wireName;
    }

    public static Optional<Kind> fromWireName(String text) {
      return Arrays.stream(values()).filter(kind -> kind.wireName.equals(text)).findFirst();
    }
  }

  public BookingWindow {
    Objects.requireNonNull(kind, "kind");
    boolean rolling = kind == Kind.ROLLING;
    boolean range = kind == Kind.DATE_RANGE;
    if (rolling != (days != null) || range != (firstDate != null) || range != (lastDate != null)) {
      throw new IllegalArgumentException("a " + kind + " window has " + (rolling ? "days only"
          : range ? "first and last dates only" : "no days and no dates"));
    }
    if (rolling && days <= 0) {
      throw new IllegalArgumentException("a rolling window is at least one day");
    }
    if (range && (lastDate.isBefore(firstDate) || firstDate.isBefore(EARLIEST_DATE) || lastDate.isAfter(LATEST_DATE))) {
      throw new IllegalArgumentException("a date range runs forwards from " + EARLIEST_DATE + " to " + LATEST_DATE
          + " at the most: " + firstDate + " to " + lastDate);
    }
  }

  public static BookingWindow rolling(int days) {
    return new BookingWindow(Kind.ROLLING, days, null, null);
  }

  public static BookingWindow indefinite() {
    return new BookingWindow(Kind.INDEFINITE, null, null, null);
  }

  public static BookingWindow dateRange(LocalDate firstDate, LocalDate lastDate) {
    return new BookingWindow(Kind.DATE_RANGE, null, firstDate, lastDate);
  }
}
