package dev.scheduler.node.domain;

import dev.scheduler.protocol.model.BookingWindow;
import dev.scheduler.protocol.model.EventType;

/** Builds event types for tests: every rule is off unless a test turns it on. */
final class EventTypeBuilder {
  static final String SLUG = "intro-call";

  private final int duration;
  private int interval;
  private int bufferBefore;
  private int bufferAfter;
  private int notice;
  private BookingWindow window = BookingWindow.rolling(365);
  private Integer maxPerDay;

  private EventTypeBuilder(int duration) {
    this.duration = duration;
    this.interval = duration;
  }

  /** A meeting of this many minutes, offered every this many minutes. */
  static EventTypeBuilder minutes(int duration) {
    return new EventTypeBuilder(duration);
  }

  EventTypeBuilder every(int minutes) {
    interval = minutes;
    return this;
  }

  EventTypeBuilder buffers(int before, int after) {
    bufferBefore = before;
    bufferAfter = after;
    return this;
  }

  EventTypeBuilder notice(int minutes) {
    notice = minutes;
    return this;
  }

  EventTypeBuilder windowDays(int days) {
    return window(BookingWindow.rolling(days));
  }

  EventTypeBuilder window(BookingWindow bookingWindow) {
    window = bookingWindow;
    return this;
  }

  EventTypeBuilder maxPerDay(int max) {
    maxPerDay = max;
    return this;
  }

  EventType build() {
    return new EventType(SLUG, "Intro call", duration, interval, bufferBefore, bufferAfter, notice,
        window, maxPerDay, 0);
  }
}
