package dev.scheduler.harness.google;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request: scripted faults first, then OAuth endpoints or the bearer check and
 * scope check for Calendar endpoints, then the endpoint. Every answer is logged.
 */
final class RequestRouter implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);
  private static final String SCOPE = "https://www.googleapis.com/auth/";
  private static final Set<String> READ_EVENTS = Set.of(SCOPE + "calendar",
      SCOPE + "calendar.readonly", SCOPE + "calendar.events", SCOPE + "calendar.events.readonly");
  private static final Set<String> WRITE_EVENTS = Set.of(SCOPE + "calendar", SCOPE + "calendar.events");
  private static final Set<String> READ_CALENDARS = Set.of(SCOPE + "calendar",
      SCOPE + "calendar.readonly", SCOPE + "calendar.calendarlist",
      SCOPE + "calendar.calendarlist.readonly");

  private final OAuthEndpoints oauth;
  private final CalendarStore store;
  private final CalendarListEndpoint calendarList;
  private final EventsListEndpoint eventsList;
  private final EventsWriteEndpoint eventWrites;
  private final WatchChannels push;
  private final FaultScript faults;
  private final RequestLog log;
  private final Supplier<String> rootUrl;

  RequestRouter(OAuthEndpoints oauth, CalendarStore store, WatchChannels push, FaultScript faults,
      RequestLog log, Supplier<String> rootUrl) {
    this.oauth = oauth;
    this.store = store;
    this.calendarList = new CalendarListEndpoint(store);
    this.eventsList = new EventsListEndpoint(store, faults);
    this.eventWrites = new EventsWriteEndpoint(store);
    this.push = push;
    this.faults = faults;
    this.log = log;
    this.rootUrl = rootUrl;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      FakeRequest request;
      try {
        request = FakeRequest.read(exchange);
      } catch (IOException e) {
        send(exchange, FakeResponse.apiError(GoogleApiException.of(400, "parseError")));
        return;
      }
      FakeResponse response = respond(request);
      log.record(request, response.status());
      send(exchange, response);
    }
  }

  private FakeResponse respond(FakeRequest request) {
    FaultScript.ScriptedFault fault = faults.take(request);
    try {
      if (fault != null) {
        Thread.sleep(fault.delay().toMillis());
        if (fault.status() != 0 && !fault.afterCommit()) {
          return faultResponse(request, fault);
        }
      }
      FakeResponse response = route(request);
      return fault != null && fault.afterCommit() ? faultResponse(request, fault) : response;
    } catch (GoogleApiException e) {
      return FakeResponse.apiError(e);
    } catch (OAuthException e) {
      return FakeResponse.oauthError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FakeResponse.apiError(GoogleApiException.of(503));
    } catch (RuntimeException e) {
      LOG.warn("fake Google Calendar failed on {} {}", request.method(), request.path(), e);
      return FakeResponse.apiError(GoogleApiException.of(500, "backendError"));
    }
  }

  /** A scripted error, in the shape of the endpoint it hits. */
  private static FakeResponse faultResponse(FakeRequest request, FaultScript.ScriptedFault fault) {
    if (request.path().equals(OAuthEndpoints.TOKEN_PATH)
        || request.path().equals(OAuthEndpoints.REVOKE_PATH)) {
      return FakeResponse.oauthError(new OAuthException(fault.status(), fault.reason(), "Scripted fault"));
    }
    return FakeResponse.apiError(GoogleApiException.of(fault.status(), fault.reason()));
  }

  private FakeResponse route(FakeRequest request) {
    String method = request.method();
    switch (request.path()) {
      case OAuthEndpoints.AUTHORIZATION_PATH:
        return method.equals("GET") ? oauth.authorize(request) : notFound();
      case OAuthEndpoints.TOKEN_PATH:
        return method.equals("POST") ? oauth.token(request) : notFound();
      case OAuthEndpoints.REVOKE_PATH:
        return method.equals("POST") ? oauth.revoke(request) : notFound();
      default:
        List<String> s = request.segments();
        return s.size() > 2 && s.get(0).equals("calendar") && s.get(1).equals("v3")
            ? calendarApi(request, s.subList(2, s.size())) : notFound();
    }
  }

  private FakeResponse calendarApi(FakeRequest request, List<String> s) {
    OAuthServerState.AccessToken auth = oauth.authenticate(request);
    String user = auth.user();
    String method = request.method();
    if (s.size() >= 3 && s.get(0).equals("users") && s.get(1).equals("me")
        && s.get(2).equals("calendarList") && method.equals("GET") && s.size() <= 4) {
      requireScope(auth, READ_CALENDARS);
      return s.size() == 3 ? calendarList.list(request, user) : calendarList.get(user, s.get(3));
    }
    if (s.size() == 2 && s.get(0).equals("channels") && s.get(1).equals("stop")
        && method.equals("POST")) {
      requireScope(auth, READ_EVENTS);
      return push.stop(request, auth);
    }
    if (s.isEmpty() || !s.get(0).equals("calendars") || s.size() < 2) {
      return notFound();
    }
    if (s.size() == 2 && method.equals("GET")) {
      requireScope(auth, READ_CALENDARS);
      return calendarList.calendar(user, s.get(1));
    }
    if (s.size() < 3 || !s.get(2).equals("events") || s.size() > 4) {
      return notFound();
    }
    CalendarStore.FakeCalendar calendar = store.calendarFor(user, s.get(1));
    String eventId = s.size() == 4 ? s.get(3) : null;
    boolean write = !method.equals("GET") && !(eventId != null && eventId.equals("watch"));
    requireScope(auth, write ? WRITE_EVENTS : READ_EVENTS);
    if (eventId == null) {
      return switch (method) {
        case "GET" -> eventsList.list(request, calendar);
        case "POST" -> eventWrites.insert(request, calendar);
        default -> notFound();
      };
    }
    if (eventId.equals("watch") && method.equals("POST")) {
      return push.watch(request, auth, calendar, rootUrl.get());
    }
    return switch (method) {
      case "GET" -> eventWrites.get(calendar, eventId);
      case "PUT" -> eventWrites.update(request, calendar, eventId);
      case "PATCH" -> eventWrites.patch(request, calendar, eventId);
      case "DELETE" -> eventWrites.delete(request, calendar, eventId);
      default -> notFound();
    };
  }

  private static void requireScope(OAuthServerState.AccessToken auth, Set<String> anyOf) {
    if (auth.scopes().stream().noneMatch(anyOf::contains)) {
      throw GoogleApiException.of(403, "insufficientPermissions");
    }
  }

  private static FakeResponse notFound() {
    return FakeResponse.apiError(GoogleApiException.of(404, "notFound"));
  }

  private static void send(HttpExchange exchange, FakeResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
