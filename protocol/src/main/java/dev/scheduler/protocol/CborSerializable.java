package dev.scheduler.protocol;

/**
 * Marker for every message, event, reply and snapshot that crosses the wire or reaches the journal.
 * {@code serialization.conf} binds it to Jackson CBOR; Java serialization is off.
 */
public interface CborSerializable {}
