package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.EventTypeRequest;
import dev.scheduler.harness.baseline.ApiShapes.EventTypeResponse;
import java.time.Duration;

/** An event type as the baselines store it (no daily limit). */
record EventTypeDef(String slug, String title, int durationMinutes, int slotIntervalMinutes,
    int bufferBeforeMinutes, int bufferAfterMinutes, int minimumNoticeMinutes, int bookingWindowDays) {
  static final int DEFAULT_BOOKING_WINDOW_DAYS = 60;
  private static final int MAX_MINUTES = 7 * 24 * 60;

  /** Validated like the node: the slot interval defaults to the duration, the window to 60 days. */
  static EventTypeDef fromJson(String slug, EventTypeRequest json) {
    if (!slug.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw HttpRefusal.invalid("An event type slug is 1-64 lowercase letters, digits and dashes.");
    }
    int duration = bounded("durationMinutes", json.durationMinutes(), null, 1, MAX_MINUTES);
    return new EventTypeDef(slug, Requests.text("title", json.title()), duration,
        bounded("slotIntervalMinutes", json.slotIntervalMinutes(), duration, 1, MAX_MINUTES),
        bounded("bufferBeforeMinutes", json.bufferBeforeMinutes(), 0, 0, MAX_MINUTES),
        bounded("bufferAfterMinutes", json.bufferAfterMinutes(), 0, 0, MAX_MINUTES),
        bounded("minimumNoticeMinutes", json.minimumNoticeMinutes(), 0, 0, MAX_MINUTES),
        bounded("bookingWindowDays", json.bookingWindowDays(), DEFAULT_BOOKING_WINDOW_DAYS, 1, 365));
  }

  EventTypeResponse toJson() {
    return new EventTypeResponse(slug, title, durationMinutes, slotIntervalMinutes, bufferBeforeMinutes,
        bufferAfterMinutes, minimumNoticeMinutes, bookingWindowDays, null);
  }

  Duration duration() {
    return Duration.ofMinutes(durationMinutes);
  }

  Duration slotInterval() {
    return Duration.ofMinutes(slotIntervalMinutes);
  }

  Duration bufferBefore() {
    return Duration.ofMinutes(bufferBeforeMinutes);
  }

  Duration bufferAfter() {
    return Duration.ofMinutes(bufferAfterMinutes);
  }

  Duration minimumNotice() {
    return Duration.ofMinutes(minimumNoticeMinutes);
  }

  Duration bookingWindow() {
    return Duration.ofDays(bookingWindowDays);
  }

  private static int bounded(String field, Integer value, Integer fallback, int min, int max) {
    if (value == null) {
      if (fallback == null) {
        throw HttpRefusal.invalid(field + " is required.");
      }
      return fallback;
    }
    if (value < min || value > max) {
      throw HttpRefusal.invalid(field + " must be between " + min + " and " + max + ".");
    }
    return value;
  }
}
