package dev.scheduler.protocol.model;

import dev.scheduler.protocol.CborSerializable;
import java.time.Instant;
import java.time.ZoneId;

/** Who a host is. {@code apiTokenHash} is the SHA-256 of the host's API token; the token itself is never kept. */
public record HostProfile(
    String id, String name, String email, ZoneId timeZone, String apiTokenHash, Instant createdAt)
    implements CborSerializable {

  public HostProfile withApiTokenHash(String newApiTokenHash) {
    return new HostProfile(id, name, email, timeZone, newApiTokenHash, createdAt);
  }
}
