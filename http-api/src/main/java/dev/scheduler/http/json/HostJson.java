package dev.scheduler.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/** JSON shapes of hosts. */
public final class HostJson {
  private HostJson() {}

  public record CreateHostRequest(String name, String email, String timeZone) {}

  /** {@code apiToken} is present only in the answer to the host's creation or to a new token. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HostResponse(String id, String name, String email, String timeZone, String apiToken) {}
}
