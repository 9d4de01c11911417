package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;

/** An offered slot {@code [start, end)}. */
public record Slot(Instant start, Instant end) implements CborSerializable {}
