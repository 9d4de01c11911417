package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;
import dev.scheduler.protocol.connection.ProviderKind;

/** One of a host's calendar connections, as the host's calendar knows it. */
public record HostConnection(ProviderKind provider, boolean countsForConflicts) implements CborSerializable {}
