package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A kind of meeting a host offers, by slug. {@code maxBookingsPerDay} is null when unlimited; the
 * day is the local date of the slot's start in the schedule's zone. An invitee may cancel or
 * reschedule a booking until {@code inviteeChangeCutoffMinutes} before its start (0: until it
 * starts); the host at any time.
 *
 * <p>Events and snapshots written before windows had kinds hold {@code int bookingWindowDays}
 * instead of {@code bookingWindow}; {@code EventTypeMigration} reads them as a rolling window.
 */
public record EventType(
    String slug,
    String title,
    int durationMinutes,
    int slotIntervalMinutes,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int minimumNoticeMinutes,
    BookingWindow bookingWindow,
    Integer maxBookingsPerDay,
    int inviteeChangeCutoffMinutes,
    List<Reminder> reminders)
    implements CborSerializable {

  public static final int DEFAULT_BOOKING_WINDOW_DAYS = 60;

  public EventType {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    if (durationMinutes <= 0 || slotIntervalMinutes <= 0) {
      throw new IllegalArgumentException("duration and slot interval must be positive");
    }
    if (bufferBeforeMinutes < 0 || bufferAfterMinutes < 0 || minimumNoticeMinutes < 0
        || inviteeChangeCutoffMinutes < 0) {
      throw new IllegalArgumentException("buffers, minimum notice and the change cutoff cannot be negative");
    }
    Objects.requireNonNull(bookingWindow, "bookingWindow");
    if (maxBookingsPerDay != null && maxBookingsPerDay <= 0) {
      throw new IllegalArgumentException("maxBookingsPerDay must be positive when given");
    }
    // Event types written before reminders existed have none.
    reminders = reminders == null ? List.of() : List.copyOf(reminders);
    if (reminders.size() > Reminder.MAX_PER_EVENT_TYPE) {
      throw new IllegalArgumentException("an event type has at most " + Reminder.MAX_PER_EVENT_TYPE + " reminders");
    }
  }

  /** Without reminders. */
  public EventType(String slug, String title, int durationMinutes, int slotIntervalMinutes, int bufferBeforeMinutes,
      int bufferAfterMinutes, int minimumNoticeMinutes, BookingWindow bookingWindow, Integer maxBookingsPerDay,
      int inviteeChangeCutoffMinutes) {
    this(slug, title, durationMinutes, slotIntervalMinutes, bufferBeforeMinutes, bufferAfterMinutes,
        minimumNoticeMinutes, bookingWindow, maxBookingsPerDay, inviteeChangeCutoffMinutes, List.of());
  }

  public EventType withReminders(List<Reminder> newReminders) {
    return new EventType(slug, title, durationMinutes, slotIntervalMinutes, bufferBeforeMinutes,
        bufferAfterMinutes, minimumNoticeMinutes, bookingWindow, maxBookingsPerDay, inviteeChangeCutoffMinutes,
        newReminders);
  }

  public EventType withInviteeChangeCutoffMinutes(int minutes) {
    return new EventType(slug, title, durationMinutes, slotIntervalMinutes, bufferBeforeMinutes,
        bufferAfterMinutes, minimumNoticeMinutes, bookingWindow, maxBookingsPerDay, minutes, reminders);
  }

  public EventType withBookingWindow(BookingWindow window) {
    return new EventType(slug, title, durationMinutes, slotIntervalMinutes, bufferBeforeMinutes,
        bufferAfterMinutes, minimumNoticeMinutes, window, maxBookingsPerDay, inviteeChangeCutoffMinutes, reminders);
  }

  public Duration duration() {
    return Duration.ofMinutes(durationMinutes);
  }

  public Duration slotInterval() {
    return Duration.ofMinutes(slotIntervalMinutes);
  }

  public Duration bufferBefore() {
    return Duration.ofMinutes(bufferBeforeMinutes);
  }

  public Duration bufferAfter() {
    return Duration.ofMinutes(bufferAfterMinutes);
  }

  public Duration minimumNotice() {
    return Duration.ofMinutes(minimumNoticeMinutes);
  }

  public Duration inviteeChangeCutoff() {
    return Duration.ofMinutes(inviteeChangeCutoffMinutes);
  }
}
