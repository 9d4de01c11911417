package dev.scheduler.protocol.webhook;

import java.time.Instant;

/**
 * One attempt to deliver one event to one subscription.
 *
 * @param status the receiver's HTTP status, or null when there was none (then {@code error} says why)
 */
public record DeliveryAttemptView(String eventId, String eventType, int attempt, Instant at, Integer status,
    String error, long latencyMs) {}
