package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;

/**
 * What the API shows of a connection. Never holds tokens. {@code label} is the feed's URL or the
 * Google account. {@code nextRetryAt} is set while the connection is quarantined.
 */
public record ConnectionView(
    String id,
    String hostId,
    ProviderKind provider,
    String label,
    ConnectionStatus status,
    Instant connectedAt,
    Instant lastSuccessfulSync,
    String lastError,
    Instant lastErrorAt,
    int busyIntervals,
    String calendarId,
    String account,
    Instant nextRetryAt)
    implements CborSerializable {}
