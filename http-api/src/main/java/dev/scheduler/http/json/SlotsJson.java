package dev.scheduler.http.json;

import java.util.List;

/**
 * JSON shape of a slot listing: one entry per local date of the requested zone. {@code start} and
 * {@code end} are UTC instants; {@code localStart} carries the requested zone's offset.
 */
public record SlotsJson(String timeZone, int durationMinutes, List<SlotsJson.Day> days) {

  public record Day(String date, List<SlotJson> slots) {}

  public record SlotJson(String start, String end, String localStart) {}
}
