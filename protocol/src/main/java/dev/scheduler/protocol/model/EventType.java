package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A kind of meeting a host offers, by slug. {@code maxBookingsPerDay} is null when unlimited; the
 * day is the local date of the slot's start in the schedule's zone. An invitee may cancel or
 * reschedule a booking until {@code inviteeChangeCutoffMinutes} before its start (0: until it
 * starts); the host at any time.
 */
public record EventType(
    String slug,
    String title,
    int durationMinutes,
    int slotIntervalMinutes,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int minimumNoticeMinutes,
    int bookingWindowDays,
    Integer maxBookingsPerDay,
    int inviteeChangeCutoffMinutes)
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
    if (bookingWindowDays <= 0) {
      throw new IllegalArgumentException("the booking window must be at least one day");
    }
    if (maxBookingsPerDay != null && maxBookingsPerDay <= 0) {
      throw new IllegalArgumentException("maxBookingsPerDay must be positive when given");
    }
  }

  public EventType withInviteeChangeCutoffMinutes(int minutes) {
    return new EventType(slug, title, durationMinutes, slotIntervalMinutes, bufferBeforeMinutes,
        bufferAfterMinutes, minimumNoticeMinutes, bookingWindowDays, maxBookingsPerDay, minutes);
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

  public Duration bookingWindow() {
    return Duration.ofDays(bookingWindowDays);
  }

  public Duration inviteeChangeCutoff() {
    return Duration.ofMinutes(inviteeChangeCutoffMinutes);
  }
}
