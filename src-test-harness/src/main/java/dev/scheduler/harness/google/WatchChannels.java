package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * events.watch and channels.stop, and the web_hook notifications Google POSTs: empty body, user
 * agent APIs-Google, X-Goog-* headers, "sync" first (message 1), then "exists" on every change to
 * the watched calendar. One delivery thread keeps the order observable and the faults exact.
 */
final class WatchChannels implements AutoCloseable {
  /** Google's default channel lifetime, from the watch reference pages. */
  private static final Duration DEFAULT_TTL = Duration.ofDays(7);
  private static final Set<Integer> RETRIED_STATUSES = Set.of(500, 502, 503, 504);
  private static final int MAX_ATTEMPTS = 3;
  private static final String USER_AGENT =
      "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)";
  private static final DateTimeFormatter EXPIRATION_HEADER =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final class Channel {
    final String id;
    final String resourceId;
    final String resourceUri;
    final String calendarId;
    final String user;
    final String clientId;
    final URI address;
    final String token;
    volatile Instant expiration;
    volatile boolean stopped;
    long lastMessageNumber;

    Channel(String id, String resourceId, String resourceUri, String calendarId,
        OAuthServerState.AccessToken owner, URI address, String token, Instant expiration) {
      this.id = id;
      this.resourceId = resourceId;
      this.resourceUri = resourceUri;
      this.calendarId = calendarId;
      this.user = owner.user();
      this.clientId = owner.clientId();
      this.address = address;
      this.token = token;
      this.expiration = expiration;
    }

    boolean expired() {
      return !Instant.now().isBefore(expiration);
    }
  }

  private record Notification(Channel channel, long messageNumber, String state) {}

  private final NotificationFaults faults;
  private final ScheduledExecutorService deliveries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "fake-google-push");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Map<String, String> resourceIds = new HashMap<>();
  private final List<SentNotification> sent = new ArrayList<>();
  /** Gaps between message numbers: Google's increase but are not sequential. Seeded: repeatable. */
  private final Random numberGaps = new Random(7);
  private final SecureRandom random = new SecureRandom();
  /** Only touched on the delivery thread. */
  private Notification heldBack;

  WatchChannels(NotificationFaults faults) {
    this.faults = faults;
  }

  /** POST .../events/watch. The "sync" message may reach the receiver before this response. */
  FakeResponse watch(FakeRequest request, OAuthServerState.AccessToken auth,
      CalendarStore.FakeCalendar calendar, String rootUrl) {
    ObjectNode body = request.jsonBody();
    String id = GoogleJson.text(body, "id");
    String type = GoogleJson.text(body, "type");
    String address = GoogleJson.text(body, "address");
    if (id == null || address == null) {
      throw GoogleApiException.invalidParameter("required", id == null ? "id" : "address", "Required");
    }
    if (!"web_hook".equals(type) && !"webhook".equals(type)) {
      throw GoogleApiException.invalidParameter("invalid", "type", "Unknown channel type: " + type);
    }
    Channel channel;
    synchronized (this) {
      if (channels.containsKey(id)) {
        throw GoogleApiException.of(400, "channelIdNotUnique")
            .withMessage("Channel id " + id + " not unique");
      }
      String calendarSegment = request.segments().get(3);
      channel = new Channel(id, resourceIds.computeIfAbsent(calendar.id, c -> randomId()),
          rootUrl + "calendar/v3/calendars/"
              + URLEncoder.encode(calendarSegment, StandardCharsets.UTF_8) + "/events?alt=json",
          calendar.id, auth, URI.create(address), GoogleJson.text(body, "token"), expiration(body));
      channels.put(id, channel);
      channel.lastMessageNumber = 1;
    }
    Notification sync = new Notification(channel, 1, "sync");
    deliveries.execute(() -> dispatch(sync));
    ObjectNode response = GoogleJson.object().put("kind", "api#channel").put("id", channel.id)
        .put("resourceId", channel.resourceId).put("resourceUri", channel.resourceUri);
    if (channel.token != null) {
      response.put("token", channel.token);
    }
    // A JSON string: the Java model's Channel.expiration is @JsonString Long.
    response.put("expiration", Long.toString(channel.expiration.toEpochMilli()));
    return FakeResponse.json(200, response);
  }

  /** POST /calendar/v3/channels/stop: only the user and OAuth client that made the channel may stop it. */
  FakeResponse stop(FakeRequest request, OAuthServerState.AccessToken auth) {
    ObjectNode body = request.jsonBody();
    String id = GoogleJson.text(body, "id");
    synchronized (this) {
      Channel channel = channels.get(id);
      if (channel == null || channel.stopped || !channel.user.equals(auth.user())
          || !channel.clientId.equals(auth.clientId())
          || !channel.resourceId.equals(GoogleJson.text(body, "resourceId"))) {
        throw GoogleApiException.of(404, "notFound")
            .withMessage("Channel '" + id + "' not found for project 'scheduler-tests'");
      }
      channel.stopped = true;
    }
    return FakeResponse.noContent();
  }

  /** Queues "exists" for every live channel on the calendar. */
  synchronized void calendarChanged(String calendarId) {
    boolean stoppedStillFire = faults.stoppedChannelsFire();
    for (Channel channel : channels.values()) {
      if (channel.calendarId.equals(calendarId) && !channel.expired()
          && (!channel.stopped || stoppedStillFire)) {
        channel.lastMessageNumber += 1 + numberGaps.nextInt(3);
        Notification exists = new Notification(channel, channel.lastMessageNumber, "exists");
        deliveries.execute(() -> dispatch(exists));
      }
    }
  }

  synchronized void expireAllNow() {
    Instant now = Instant.now();
    channels.values().forEach(c -> c.expiration = now);
  }

  synchronized List<PushChannelState> states() {
    return channels.values().stream().map(c -> new PushChannelState(c.id, c.resourceId,
        c.calendarId, c.address.toString(), c.token, c.expiration, c.stopped, c.expired(),
        c.lastMessageNumber)).toList();
  }

  synchronized List<SentNotification> sent() {
    return List.copyOf(sent);
  }

  @Override
  public void close() {
    deliveries.shutdownNow();
  }

  private void dispatch(Notification notification) {
    if (faults.takeDrop()) {
      record(notification, 0);
      return;
    }
    if (heldBack == null && faults.takeSwap()) {
      heldBack = notification;
      return;
    }
    deliver(notification, 1);
    if (faults.takeDuplicate()) {
      deliver(notification, 1);
    }
    if (heldBack != null) {
      Notification late = heldBack;
      heldBack = null;
      deliver(late, 1);
    }
  }

  /** Sends one notification; 500/502/503/504 from the receiver are retried with backoff. */
  private void deliver(Notification n, int attempt) {
    Channel c = n.channel();
    HttpRequest.Builder post = HttpRequest.newBuilder(c.address).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.noBody())
        .header("User-Agent", USER_AGENT)
        .header("X-Goog-Channel-ID", c.id)
        .header("X-Goog-Message-Number", Long.toString(n.messageNumber()))
        .header("X-Goog-Resource-ID", c.resourceId)
        .header("X-Goog-Resource-State", n.state())
        .header("X-Goog-Resource-URI", c.resourceUri)
        .header("X-Goog-Channel-Expiration", EXPIRATION_HEADER.format(c.expiration));
    if (c.token != null) {
      post.header("X-Goog-Channel-Token", c.token);
    }
    int status;
    try {
      status = http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    record(n, status);
    if (RETRIED_STATUSES.contains(status) && attempt < MAX_ATTEMPTS) {
      deliveries.schedule(() -> deliver(n, attempt + 1), 100L << attempt, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void record(Notification n, int status) {
    sent.add(new SentNotification(n.channel().id, n.messageNumber(), n.state(), status, Instant.now()));
  }

  private static Instant expiration(ObjectNode body) {
    JsonNode params = body.get("params");
    String ttl = params == null ? null : GoogleJson.text(params, "ttl");
    String requested = GoogleJson.text(body, "expiration");
    try {
      Instant latest = Instant.now()
          .plus(ttl == null ? DEFAULT_TTL : Duration.ofSeconds(Long.parseLong(ttl)));
      if (requested == null) {
        return latest;
      }
      Instant wanted = Instant.ofEpochMilli(Long.parseLong(requested));
      return wanted.isBefore(latest) ? wanted : latest;
    } catch (NumberFormatException e) {
      throw GoogleApiException.invalidParameter("invalid", ttl == null ? "expiration" : "params.ttl",
          "Invalid channel expiration or ttl");
    }
  }

  private String randomId() {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
