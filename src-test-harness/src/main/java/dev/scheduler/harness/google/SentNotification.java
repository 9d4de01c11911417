package dev.scheduler.harness.google;

import java.time.Instant;

/**
 * One push notification attempt. receiverStatus is the receiver's HTTP status, -1 when it could
 * not be reached, 0 when a fault dropped the notification before sending.
 */
public record SentNotification(String channelId, long messageNumber, String resourceState,
    int receiverStatus, Instant at) {}
