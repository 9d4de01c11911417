package dev.scheduler.http.json;

import java.util.List;

/** JSON shapes of an external source's busy time. Instants are ISO-8601 with any offset. */
public final class BusyJson {
  private BusyJson() {}

  public record IntervalJson(String start, String end) {}

  public record BusyRequest(List<IntervalJson> intervals) {}

  public record BusyResponse(String sourceId, List<IntervalJson> intervals) {}
}
