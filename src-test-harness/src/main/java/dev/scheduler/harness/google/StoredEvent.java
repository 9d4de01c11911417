package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event resource as Google keeps it: a single event, a series master, or an exception of a
 * series (id seriesId_originalStart). Deleted events stay, with status cancelled, because their ids
 * stay reserved and incremental sync must report them. seq orders changes for sync tokens.
 */
final class StoredEvent {
  private ObjectNode resource;
  private long seq;

  StoredEvent(ObjectNode resource, long seq) {
    this.resource = resource;
    this.seq = seq;
  }

  ObjectNode resource() {
    return resource;
  }

  long seq() {
    return seq;
  }

  void update(ObjectNode newResource, long newSeq) {
    resource = newResource;
    seq = newSeq;
  }

  String id() {
    return resource.get("id").asText();
  }

  boolean cancelled() {
    return "cancelled".equals(GoogleJson.text(resource, "status"));
  }

  /** The series this is an exception of, or null. */
  String recurringEventId() {
    return GoogleJson.text(resource, "recurringEventId");
  }

  boolean isSeriesMaster() {
    JsonNode recurrence = resource.get("recurrence");
    return recurringEventId() == null && recurrence != null && recurrence.isArray()
        && !recurrence.isEmpty();
  }
}
