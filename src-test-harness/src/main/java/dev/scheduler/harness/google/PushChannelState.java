package dev.scheduler.harness.google;

import java.time.Instant;

/** A watch channel as the fake sees it, for test assertions. */
public record PushChannelState(String id, String resourceId, String calendarId, String address,
    String token, Instant expiration, boolean stopped, boolean expired, long lastMessageNumber) {}
