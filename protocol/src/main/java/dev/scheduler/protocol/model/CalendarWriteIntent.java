package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;

/**
 * Carried by a booking event whose change must reach the host's external calendar: which
 * connection writes it, and the booking's write version. The journal is the outbox: the connection
 * reads these events in order and writes each one until it lands.
 */
public record CalendarWriteIntent(String connectionId, long version) implements CborSerializable {}
