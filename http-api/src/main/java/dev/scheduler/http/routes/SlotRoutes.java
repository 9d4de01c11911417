package dev.scheduler.http.routes;

import dev.scheduler.http.ApiError;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.http.json.RequestReader;
import dev.scheduler.http.json.ResponseWriter;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSlots;
import dev.scheduler.protocol.calendar.HostCalendarReplies.SlotList;
import dev.scheduler.protocol.model.Slot;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/v1/hosts/{hostId}/event-types/{slug}/slots?start=DATE&end=DATE&timeZone=ZONE}: anyone. */
public final class SlotRoutes extends RouteSupport {
  private final EntityClient entities;

  public SlotRoutes(EntityClient entities) {
    this.entities = entities;
  }

  public Route slots(String hostId, String slug) {
    return get(() -> parameterOptional("start", start -> parameterOptional("end", end ->
        parameterOptional("timeZone", zone -> {
          LocalDate first = RequestReader.date("start", start.orElse(null));
          LocalDate last = RequestReader.date("end", end.orElse(null));
          ZoneId listingZone = zone.map(z -> RequestReader.zone("timeZone", z)).orElse(null);
          if (last.isBefore(first)) {
            throw ApiError.invalid("end " + last + " is before start " + first + ".");
          }
          if (ChronoUnit.DAYS.between(first, last) + 1 > Slot.MAX_LISTING_DAYS) {
            throw ApiError.invalid("Slots can be listed for at most " + Slot.MAX_LISTING_DAYS + " days at a time.");
          }
          return respond(StatusCodes.OK, entities.<SlotList>askHost(
                  hostId, r -> new GetSlots(slug, first, last, listingZone, r))
              .thenApply(list -> ResponseWriter.slots(
                  list.timeZone(), list.eventType().durationMinutes(), first, last, list.slots())));
        }))));
  }
}
