package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.ZoneId;

/** The person who books a slot. */
public record Invitee(String name, String email, ZoneId timeZone) implements CborSerializable {}
