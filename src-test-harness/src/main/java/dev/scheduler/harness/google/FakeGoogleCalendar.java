package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Google Calendar v3 plus Google OAuth 2.0, over real HTTP on 127.0.0.1. The official Java
 * client talks to it with only its root URL ({@link #rootUrl()}) and token URL ({@link #tokenUrl()})
 * changed. Tests act as "the user in Google" through the methods here, script faults through
 * {@link #faults()} and inspect traffic through {@link #requests()}.
 */
public final class FakeGoogleCalendar implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeGoogleCalendar.class);

  /** The user who consents unless a test picks another with {@link #nextConsentBy}. */
  public static final String DEFAULT_USER = "user@example.com";
  public static final String CLIENT_ID = "scheduler-tests.apps.googleusercontent.com";
  public static final String CLIENT_SECRET = "fake-client-secret";
  public static final String CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

  private final FaultScript faults = new FaultScript();
  private final RequestLog requests = new RequestLog();
  private final WatchChannels push = new WatchChannels(faults.notifications());
  private final CalendarStore store = new CalendarStore(push::calendarChanged);
  private final OAuthServerState tokens = new OAuthServerState();
  private final OAuthEndpoints oauth = new OAuthEndpoints(tokens, store::hasUser, DEFAULT_USER);
  private final ScheduledExecutorService delayedChanges = Executors.newSingleThreadScheduledExecutor(
      daemon("fake-google-delayed-change"));
  private final ExecutorService serverThreads = Executors.newCachedThreadPool(daemon("fake-google-http"));
  private HttpServer server;

  public FakeGoogleCalendar() {
    store.addUser(DEFAULT_USER, ZoneId.of("UTC"));
    tokens.registerClient(CLIENT_ID, CLIENT_SECRET);
  }

  /** Binds an ephemeral port on 127.0.0.1 and starts serving. */
  public FakeGoogleCalendar start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", new RequestRouter(oauth, store, push, faults, requests, this::rootUrl));
    // A pool, not one thread: a scripted slow response must not hold up other requests.
    server.setExecutor(serverThreads);
    server.start();
    return this;
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    push.close();
    delayedChanges.shutdownNow();
    serverThreads.shutdownNow();
  }

  // ---- where the client points ----

  /** For Calendar.Builder#setRootUrl; the service path stays calendar/v3/. */
  public String rootUrl() {
    if (server == null) {
      throw new IllegalStateException("start() the fake first");
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public String tokenUrl() {
    return rootUrl() + "token";
  }

  public String authorizationUrl() {
    return rootUrl() + "o/oauth2/v2/auth";
  }

  public String revokeUrl() {
    return rootUrl() + "revoke";
  }

  // ---- users and calendars ----

  /** A user with a primary calendar whose id is the email. */
  public FakeGoogleCalendar addUser(String email, ZoneId timeZone) {
    store.addUser(email, timeZone);
    return this;
  }

  /** A secondary calendar in the owner's calendar list. */
  public FakeGoogleCalendar addCalendar(String owner, String calendarId, String summary,
      ZoneId timeZone) {
    store.addCalendar(owner, calendarId, summary, timeZone, false);
    return this;
  }

  // ---- OAuth ----

  public FakeGoogleCalendar registerClient(String clientId, String clientSecret) {
    tokens.registerClient(clientId, clientSecret);
    return this;
  }

  /** The next visit to the consent screen is answered as this user. */
  public FakeGoogleCalendar nextConsentBy(String user) {
    oauth.nextConsentBy(user);
    return this;
  }

  /** The next user at the consent screen clicks "Cancel": redirect with error=access_denied. */
  public FakeGoogleCalendar nextConsentDenied() {
    oauth.nextConsentDenied();
    return this;
  }

  /** Lifetime of access tokens issued from now on (Google's is 3599 s). */
  public FakeGoogleCalendar accessTokenLifetime(Duration lifetime) {
    tokens.accessTokenLifetime(lifetime);
    return this;
  }

  /** Every access token issued so far stops working: the API answers 401 until a refresh. */
  public void expireAccessTokens() {
    tokens.expireAllAccessTokens();
  }

  /** The user removed the app's access: refreshing now gets invalid_grant. */
  public void revokeRefreshToken(String user) {
    tokens.revokeAllFor(user);
  }

  /** A refresh token for the default client, as if the user had consented offline earlier. */
  public String grantOfflineAccess(String user, String scope) {
    if (!store.hasUser(user)) {
      throw new IllegalArgumentException("no such fake user: " + user);
    }
    return tokens.newGrant(user, CLIENT_ID, scope).refreshToken;
  }

  // ---- the user changes their calendar in Google ----

  /** Inserts or replaces an event (id kept if given, else generated) and returns its id. */
  public String putEvent(String calendarId, EventJson event) {
    return putEvent(calendarId, event.toJson());
  }

  public String putEvent(String calendarId, ObjectNode event) {
    CalendarStore.FakeCalendar calendar = store.calendar(calendarId);
    ObjectNode body = event.deepCopy();
    if (!body.hasNonNull("id")) {
      body.put("id", "u" + Long.toHexString(System.nanoTime())); // hex digits are base32hex too
    }
    String id = GoogleJson.text(body, "id");
    if (!CalendarStore.isValidClientId(id)) {
      throw new IllegalArgumentException("Google event ids are base32hex, [a-v0-9]{5,1024}: " + id);
    }
    EventResources.validate(body, calendar.zone);
    userChange(calendar, () -> {
      StoredEvent existing = store.find(calendar, id);
      if (existing == null) {
        store.insert(calendar, body, id);
      } else {
        store.replace(calendar, existing, body);
      }
    });
    return id;
  }

  /** Edits a stored event (single, series master or exception) in place. */
  public void modifyEvent(String calendarId, String eventId, Consumer<ObjectNode> edit) {
    CalendarStore.FakeCalendar calendar = store.calendar(calendarId);
    StoredEvent event = existing(calendar, eventId);
    ObjectNode body = event.resource().deepCopy();
    edit.accept(body);
    EventResources.validate(body, calendar.zone);
    userChange(calendar, () -> store.replace(calendar, event, body));
  }

  /** Deletes an event (a series with all its instances); it reads as cancelled afterwards. */
  public void deleteEvent(String calendarId, String eventId) {
    CalendarStore.FakeCalendar calendar = store.calendar(calendarId);
    StoredEvent event = existing(calendar, eventId);
    userChange(calendar, () -> store.cancel(calendar, event));
  }

  /**
   * Edits one instance of a series, making it an exception. originalStart is the instance's
   * unmodified start (for all-day series, midnight of its date in the series' zone).
   */
  public void modifyInstance(String calendarId, String seriesId, Instant originalStart,
      Consumer<ObjectNode> edit) {
    CalendarStore.FakeCalendar calendar = store.calendar(calendarId);
    String instanceId = instanceId(calendar, seriesId, originalStart);
    synchronized (store) {
      StoredEvent instance = store.findOrMaterialize(calendar, instanceId);
      ObjectNode body = instance.resource().deepCopy();
      edit.accept(body);
      EventResources.validate(body, calendar.zone);
      userChange(calendar, () -> store.replace(calendar, instance, body));
    }
  }

  /** Moves one instance of a series to a new time. */
  public void moveInstance(String calendarId, String seriesId, Instant originalStart,
      ZonedDateTime newStart, ZonedDateTime newEnd) {
    modifyInstance(calendarId, seriesId, originalStart, body -> {
      body.set("start", EventJson.dateTime(newStart));
      body.set("end", EventJson.dateTime(newEnd));
    });
  }

  /** Cancels one instance of a series; the series goes on. */
  public void cancelInstance(String calendarId, String seriesId, Instant originalStart) {
    CalendarStore.FakeCalendar calendar = store.calendar(calendarId);
    String instanceId = instanceId(calendar, seriesId, originalStart);
    synchronized (store) {
      StoredEvent instance = store.findOrMaterialize(calendar, instanceId);
      userChange(calendar, () -> store.cancel(calendar, instance));
    }
  }

  /** Every sync token issued so far for the calendar answers 410 fullSyncRequired. */
  public void invalidateSyncTokens(String calendarId) {
    store.invalidateSyncTokens(store.calendar(calendarId));
  }

  // ---- observability ----

  /** The live (not cancelled) stored events of a calendar, series as masters, as the API renders them. */
  public List<ObjectNode> events(String calendarId) {
    CalendarStore.FakeCalendar calendar = store.calendar(calendarId);
    synchronized (store) {
      return calendar.events.values().stream().filter(e -> !e.cancelled())
          .map(e -> EventResources.rendered(e.resource(), calendar)).toList();
    }
  }

  /** One stored event, cancelled ones included, or null. */
  public ObjectNode event(String calendarId, String eventId) {
    CalendarStore.FakeCalendar calendar = store.calendar(calendarId);
    StoredEvent event = store.find(calendar, eventId);
    return event == null ? null : EventResources.rendered(event.resource(), calendar);
  }

  public FaultScript faults() {
    return faults;
  }

  public RequestLog requests() {
    return requests;
  }

  public List<PushChannelState> channels() {
    return push.states();
  }

  /** Every notification the fake sent, dropped or attempted, in order. */
  public List<SentNotification> notifications() {
    return push.sent();
  }

  /** Every watch channel expires now: no more notifications from them. */
  public void expireChannelsNow() {
    push.expireAllNow();
  }

  // ----

  /**
   * Applies a change made "in Google", or, when a test scripted an early notification, notifies
   * now and applies the change later, as Google sometimes does.
   */
  private void userChange(CalendarStore.FakeCalendar calendar, Runnable change) {
    Duration early = faults.notifications().takeEarlyDelivery();
    if (early == null) {
      change.run();
      return;
    }
    push.calendarChanged(calendar.id);
    delayedChanges.schedule(() -> {
      try {
        store.silently(change);
      } catch (RuntimeException e) {
        LOG.warn("delayed change to {} failed", calendar.id, e);
      }
    }, early.toMillis(), TimeUnit.MILLISECONDS);
  }

  private StoredEvent existing(CalendarStore.FakeCalendar calendar, String eventId) {
    StoredEvent event = store.find(calendar, eventId);
    if (event == null) {
      throw new IllegalArgumentException("no event " + eventId + " in " + calendar.id);
    }
    return event;
  }

  private String instanceId(CalendarStore.FakeCalendar calendar, String seriesId,
      Instant originalStart) {
    StoredEvent master = existing(calendar, seriesId);
    ObjectNode instance = master.isSeriesMaster()
        ? RecurrenceExpander.instanceAt(master.resource(), calendar.zone, originalStart) : null;
    if (instance == null) {
      throw new IllegalArgumentException(seriesId + " has no instance starting " + originalStart);
    }
    return instance.get("id").asText();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
