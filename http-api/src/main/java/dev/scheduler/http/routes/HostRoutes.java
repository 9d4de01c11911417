package dev.scheduler.http.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.scheduler.http.ApiError;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.protocol.Ids;
import dev.scheduler.http.auth.Tokens;
import dev.scheduler.http.json.RequestReader;
import dev.scheduler.http.json.ResponseWriter;
import dev.scheduler.http.json.BusyJson;
import dev.scheduler.http.json.EventTypeJson.EventTypeRequest;
import dev.scheduler.http.json.EventTypeJson.EventTypesResponse;
import dev.scheduler.http.json.HostJson.CreateHostRequest;
import dev.scheduler.http.json.ScheduleJson;
import dev.scheduler.protocol.calendar.HostCalendarCommand.CreateHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetEventTypes;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceBusy;
import dev.scheduler.protocol.calendar.HostCalendarCommand.ReplaceHostToken;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SaveEventType;
import dev.scheduler.protocol.calendar.HostCalendarCommand.SetSchedule;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ScheduleView;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** Hosts and what they publish: profile, schedule, event types, busy time. */
public final class HostRoutes extends RouteSupport {
  private final EntityClient entities;
  private final Credentials credentials;
  private final Clock clock;

  public HostRoutes(EntityClient entities, Credentials credentials, Clock clock) {
    this.entities = entities;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** {@code POST /api/v1/hosts}: admin only. */
  public Route createHost() {
    return post(() -> withBearer(token -> {
      credentials.requireAdmin(token, "Creating a host");
      return withJsonBody(CreateHostRequest.class, body -> {
        String hostId = Ids.newId();
        String apiToken = Tokens.newHostToken(hostId);
        HostProfile host = new HostProfile(hostId, RequestReader.text("name", body.name()),
            RequestReader.email("email", body.email()), RequestReader.zone("timeZone", body.timeZone()),
            Tokens.sha256Hex(apiToken), clock.instant());
        return respond(StatusCodes.CREATED, entities.<HostProfile>askHost(hostId, r -> new CreateHost(host, r))
            .thenApply(created -> ResponseWriter.host(created, apiToken)));
      });
    }));
  }

  /** Everything under {@code /api/v1/hosts/{hostId}} but bookings and slots. */
  public Route hostRoutes(String hostId) {
    return withBearer(token -> concat(
        pathEndOrSingleSlash(() -> get(() -> getHost(hostId, token))),
        path("schedule", () -> concat(
            put(() -> setSchedule(hostId, token)),
            get(() -> getSchedule(hostId, token)))),
        path("tokens", () -> post(() -> replaceToken(hostId, token))),
        path("event-types", () -> get(() -> eventTypes(hostId))),
        path(segment("event-types").slash(segment()), slug -> put(() -> saveEventType(hostId, slug, token))),
        path(segment("busy").slash(segment()), sourceId -> put(() -> replaceBusy(hostId, sourceId, token)))));
  }

  private Route getHost(String hostId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return respond(StatusCodes.OK, entities.<HostProfile>askHost(hostId, r -> new GetHost(access, r))
        .thenApply(host -> ResponseWriter.host(host, null)));
  }

  /**
   * {@code POST /api/v1/hosts/{hostId}/tokens}: the host or the admin gets a new API token, shown
   * once; the old one is refused from then on. Rotating is how a token is revoked.
   */
  private Route replaceToken(String hostId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    String apiToken = Tokens.newHostToken(hostId);
    return respond(StatusCodes.CREATED, entities.<HostProfile>askHost(
            hostId, r -> new ReplaceHostToken(access, Tokens.sha256Hex(apiToken), r))
        .thenApply(host -> ResponseWriter.host(host, apiToken)));
  }

  private Route setSchedule(String hostId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBody(ScheduleJson.class, body -> {
      var schedule = RequestReader.schedule(body);
      return respond(StatusCodes.OK, entities.<ScheduleView>askHost(
              hostId, r -> new SetSchedule(access, schedule, r))
          .thenApply(view -> ResponseWriter.schedule(view.schedule())));
    });
  }

  private Route getSchedule(String hostId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return respond(StatusCodes.OK, entities.<ScheduleView>askHost(
            hostId, r -> new GetSchedule(access, r))
        .thenApply(view -> ResponseWriter.schedule(view.schedule())));
  }

  private Route eventTypes(String hostId) {
    return respond(StatusCodes.OK, entities.<EventTypeList>askHost(
            hostId, GetEventTypes::new)
        .thenApply(list -> new EventTypesResponse(list.eventTypes().stream().map(ResponseWriter::eventType).toList())));
  }

  private Route saveEventType(String hostId, String slug, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    return withJsonBody(EventTypeRequest.class, body -> {
      var eventType = RequestReader.eventType(slug, body);
      return respond(StatusCodes.OK, entities.<EventType>askHost(
              hostId, r -> new SaveEventType(access, eventType, r))
          .thenApply(ResponseWriter::eventType));
    });
  }

  private Route replaceBusy(String hostId, String sourceId, Optional<String> token) {
    var access = credentials.accessTo(hostId, token);
    if (!sourceId.matches("[A-Za-z0-9._:-]{1,128}")) {
      throw ApiError.invalid("A source id is 1-128 letters, digits, dots, dashes, colons or underscores.");
    }
    return withJsonBody(BusyJson.BusyRequest.class, body -> {
      var intervals = RequestReader.busyIntervals(body);
      return respond(StatusCodes.OK, entities.<BusySource>askHost(
              hostId, r -> new ReplaceBusy(access, sourceId, intervals, r))
          .thenApply(busy -> ResponseWriter.busy(busy.sourceId(), busy.intervals())));
    });
  }
}
