package dev.scheduler.protocol.notify;

import java.time.Instant;

/**
 * One outbound message about a booking. No address is shown, only which side it went to.
 *
 * @param channel {@code mail} (webhook attempts are shown per subscription, not per booking)
 * @param kind what it tells: {@code CONFIRMED}, {@code RESCHEDULED}, {@code CANCELLED}
 * @param to {@code invitee} or {@code host}
 * @param state {@code pending}, {@code sent}, {@code failed} or {@code obsolete}
 * @param lastError the last failure's reason (the server's answer), or null
 * @param nextAttemptAt when a pending message is tried next, else null
 */
public record NotificationView(String channel, String kind, String to, String state, int attempts, String lastError,
    Instant createdAt, Instant nextAttemptAt) {}
