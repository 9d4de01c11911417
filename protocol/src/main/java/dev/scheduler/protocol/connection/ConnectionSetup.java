package dev.scheduler.protocol.connection;

import dev.scheduler.protocol.CborSerializable;
import java.time.ZoneId;

/**
 * What a new connection is made of.
 *
 * @param label the feed's URL, or the calendar's name in its Google account
 * @param hostTimeZone reads a feed's floating times and all-day dates in the host's zone
 * @param sealedCredentials the provider's tokens, sealed for this connection (null for feeds)
 * @param calendarId which calendar of the account (null for feeds)
 * @param account the provider account (null for feeds)
 */
public record ConnectionSetup(String hostId, ProviderKind provider, String label, ZoneId hostTimeZone,
    String sealedCredentials, String calendarId, String account) implements CborSerializable {}
