package dev.scheduler.node.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.ApiResponse;
import dev.scheduler.harness.client.SchedulerApiClient;
import dev.scheduler.harness.google.FakeGoogleCalendar;
import dev.scheduler.harness.google.PushChannelState;
import dev.scheduler.harness.process.Ports;
import dev.scheduler.node.SchedulerNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A node whose real Google client talks to a {@link FakeGoogleCalendar} of its own, for the Google
 * end-to-end tests: hosts made through the API, Google accounts connected through the real consent
 * redirect chain, and waits for what the node does in the background (slots blocked or freed,
 * connection status, calendar writes, push channels). Closing it stops the node, then the fake.
 */
public final class GoogleTestNode implements AutoCloseable {
  /** The event type {@link #publishedHost()} publishes; slots are listed for it. */
  public static final String EVENT_TYPE = "intro";
  private static final Duration PAUSE = Duration.ofMillis(25);

  private final FakeGoogleCalendar google;
  private final SchedulerNode node;
  private final SchedulerApiClient api;
  private final Duration awaitTimeout;
  private final boolean ownsFake;

  private GoogleTestNode(FakeGoogleCalendar google, SchedulerNode node, Duration awaitTimeout, boolean ownsFake) {
    this.google = google;
    this.node = node;
    this.api = new SchedulerApiClient(node.baseUrl());
    this.awaitTimeout = awaitTimeout;
    this.ownsFake = ownsFake;
  }

  /** Push on, and every other setting as the node's defaults, until the builder says otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  public FakeGoogleCalendar google() {
    return google;
  }

  public SchedulerApiClient api() {
    return api;
  }

  public SchedulerNode node() {
    return node;
  }

  /** Stops the node, then the fake unless it was handed in ({@link Builder#start(Path, FakeGoogleCalendar)}). */
  @Override
  public void close() {
    try {
      node.close();
    } finally {
      if (ownsFake) {
        google.close();
      }
    }
  }

  /** A Google calendar connected to a host: the host, and the connection as the API answered it. */
  public record Connection(ApiFixture host, JsonNode json) {
    public String id() {
      return json.get("id").asText();
    }
  }

  // Hosts and connections.

  /** A new host in UTC, free 09:00-17:00 every day, with the 60-minute event type {@value #EVENT_TYPE}. */
  public ApiFixture publishedHost() {
    return ApiFixture.newHost(api, "UTC")
        .schedule(Bodies.everyDay("UTC", "09:00", "17:00"))
        .eventType(EVENT_TYPE, Bodies.eventType(60));
  }

  /**
   * Connects {@code user}'s primary calendar to {@code host} through the consent redirect chain
   * (see {@link GoogleConsent#connect}), and checks that the callback answered with a Google
   * connection and no token. Does not wait for the first sync.
   */
  public Connection connect(ApiFixture host, String user) throws IOException, InterruptedException {
    ApiResponse connected = GoogleConsent.connect(api, google, host, user);
    assertThat(connected.json().get("provider").asText()).isEqualTo("google");
    assertThat(connected.body()).doesNotContain("ya29.", "1//", "refresh_token", "access_token");
    return new Connection(host, connected.json());
  }

  /** As {@link #connect}, then waits for the connection's first sync to succeed (status {@code ok}). */
  public Connection connectAndSync(ApiFixture host, String user) throws IOException, InterruptedException {
    Connection connection = connect(host, user);
    awaitStatus(connection, "ok");
    return connection;
  }

  /** A new {@link #publishedHost()} with {@code user}'s calendar connected, not waiting for its first sync. */
  public Connection connectNewHost(String user) throws IOException, InterruptedException {
    return connect(publishedHost(), user);
  }

  // Slots and bookings.

  /** The starts (ISO instants) of the host's open {@value #EVENT_TYPE} slots on {@code day} in the host's zone. */
  public List<String> slotStarts(ApiFixture host, LocalDate day) {
    List<String> starts = new ArrayList<>();
    api.slots(host.hostId(), EVENT_TYPE, day, day, null).json().at("/days/0/slots")
        .forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }

  /** Waits until the slots of {@code day} satisfy {@code condition}; returns the starts that did. */
  public List<String> awaitSlots(ApiFixture host, LocalDate day, Predicate<List<String>> condition) {
    return awaitValue(() -> slotStarts(host, day), condition, "the slots of " + day + " never changed as expected");
  }

  /** Waits until none of {@code starts} (on one UTC day, the zone of {@link #publishedHost()}) is an open slot. */
  public List<String> awaitBlocked(ApiFixture host, ZonedDateTime... starts) {
    List<String> isos = isos(starts);
    return awaitSlots(host, utcDay(starts), open -> isos.stream().noneMatch(open::contains));
  }

  /** Waits until all of {@code starts} (on one UTC day) are open slots at the same time. */
  public List<String> awaitFree(ApiFixture host, ZonedDateTime... starts) {
    List<String> isos = isos(starts);
    return awaitSlots(host, utcDay(starts), open -> open.containsAll(isos));
  }

  /** Books the {@value #EVENT_TYPE} slot at {@code start} as an invitee in UTC; checks it was accepted (201). */
  public ApiResponse book(ApiFixture host, ZonedDateTime start) {
    ApiResponse booked = api.book(host.hostId(), null, Bodies.booking(EVENT_TYPE, start.toInstant(), "UTC"), null);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked;
  }

  /** The booking as its host reads it. */
  public JsonNode booking(ApiFixture host, String bookingId) {
    return api.getBooking(host.hostId(), bookingId, host.token()).json();
  }

  /** Waits until the booking, as its host reads it, satisfies {@code condition}; returns it. */
  public JsonNode awaitBooking(ApiFixture host, String bookingId, Predicate<JsonNode> condition) {
    return awaitValue(() -> booking(host, bookingId), condition,
        "booking " + bookingId + " never reached the expected state");
  }

  /** Waits until the copy of the booking in the host's calendar has {@code status} ({@code written}, ...). */
  public JsonNode awaitWriteStatus(ApiFixture host, String bookingId, String status) {
    return awaitValue(() -> booking(host, bookingId), b -> b.at("/calendarWrite/status").asText().equals(status),
        "the calendar write of booking " + bookingId + " never became " + status);
  }

  // Connections as GET /calendars lists them.

  /** The connection as the host's calendar list shows it, or null when it is not listed. */
  public JsonNode listed(Connection connection) {
    ApiFixture host = connection.host();
    for (JsonNode c : api.get("/api/v1/hosts/" + host.hostId() + "/calendars", host.token()).json().get("calendars")) {
      if (c.get("id").asText().equals(connection.id())) {
        return c;
      }
    }
    return null;
  }

  /** The connection's status ({@code syncing}, {@code ok}, ...), or {@code not listed}. */
  public String status(Connection connection) {
    JsonNode listed = listed(connection);
    return listed == null ? "not listed" : listed.get("status").asText();
  }

  /** Waits until the connection is listed and satisfies {@code condition}; returns it as listed. */
  public JsonNode awaitConnection(Connection connection, Predicate<JsonNode> condition) {
    return awaitValue(() -> listed(connection), condition,
        "connection " + connection.id() + " never reached the expected state");
  }

  /** Waits until the connection is listed with {@code status}; returns it as listed. */
  public JsonNode awaitStatus(Connection connection, String status) {
    return awaitValue(() -> listed(connection), c -> c.get("status").asText().equals(status),
        "connection " + connection.id() + " never became " + status);
  }

  // Push channels as the fake sees them.

  /** Waits until the fake's push channels, in the order they were opened, satisfy {@code condition}. */
  public List<PushChannelState> awaitChannels(Predicate<List<PushChannelState>> condition) {
    return awaitValue(google::channels, condition, "the push channels never reached the expected state");
  }

  /** Waits until a push channel was opened on {@code calendarId}. */
  public List<PushChannelState> awaitChannelFor(String calendarId) {
    return awaitChannels(channels -> channels.stream().anyMatch(c -> c.calendarId().equals(calendarId)));
  }

  // Waiting.

  /**
   * Checks {@code condition} until it holds or the node's await timeout passes, then fails with
   * {@code message} formatted with {@code detail}.
   */
  public void await(BooleanSupplier condition, String message, Supplier<?> detail) {
    long deadline = System.nanoTime() + awaitTimeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(String.format(message, detail.get()));
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Reads {@code probe} until its value (never null) satisfies {@code condition}; returns that value. */
  public <T> T awaitValue(Supplier<T> probe, Predicate<? super T> condition, String failure) {
    AtomicReference<T> last = new AtomicReference<>();
    await(() -> {
      last.set(probe.get());
      return last.get() != null && condition.test(last.get());
    }, failure + "; last seen %s", last::get);
    return last.get();
  }

  private static List<String> isos(ZonedDateTime... starts) {
    return Arrays.stream(starts).map(s -> s.toInstant().toString()).toList();
  }

  private static LocalDate utcDay(ZonedDateTime... starts) {
    if (starts.length == 0) {
      throw new IllegalArgumentException("no slot start given");
    }
    LocalDate day = starts[0].withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    for (ZonedDateTime start : starts) {
      if (!start.withZoneSameInstant(ZoneOffset.UTC).toLocalDate().equals(day)) {
        throw new IllegalArgumentException("slot starts on different UTC days: " + Arrays.toString(starts));
      }
    }
    return day;
  }

  /** The settings the Google tests vary; everything not set keeps the node's default. */
  public static final class Builder {
    private final Map<String, Object> settings = new HashMap<>();
    private boolean push = true;
    private Duration awaitTimeout = Duration.ofSeconds(20);

    private Builder() {}

    /**
     * Push notifications (default on). On, the node listens on a port chosen here, so that its public
     * URL, where the fake sends notifications, is known before it starts.
     */
    public Builder push(boolean on) {
      this.push = on;
      return this;
    }

    /** {@code scheduler.sync.poll-interval}: polling without push. */
    public Builder pollInterval(Duration interval) {
      return duration("scheduler.sync.poll-interval", interval);
    }

    /** {@code scheduler.sync.poll-interval-with-push}: the safety-net polling while push works. */
    public Builder pollIntervalWithPush(Duration interval) {
      return duration("scheduler.sync.poll-interval-with-push", interval);
    }

    /** {@code scheduler.sync.retry-base} and {@code retry-cap}: the backoff after a failed sync. */
    public Builder retry(Duration base, Duration cap) {
      return duration("scheduler.sync.retry-base", base).duration("scheduler.sync.retry-cap", cap);
    }

    /** {@code scheduler.sync.budget.connection-*}: each connection's request budget. */
    public Builder connectionBudget(int burst, int perMinute) {
      settings.put("scheduler.sync.budget.connection-burst", burst);
      settings.put("scheduler.sync.budget.connection-per-minute", perMinute);
      return this;
    }

    /** {@code scheduler.sync.budget.node-*}: the request budget all of the node's connections share. */
    public Builder nodeBudget(int burst, int perMinute) {
      settings.put("scheduler.sync.budget.node-burst", burst);
      settings.put("scheduler.sync.budget.node-per-minute", perMinute);
      return this;
    }

    /** {@code scheduler.sync.channel-ttl}: how long a push channel lives. */
    public Builder channelTtl(Duration ttl) {
      return duration("scheduler.sync.channel-ttl", ttl);
    }

    /** {@code scheduler.google.page-size}: events per page of events.list. */
    public Builder pageSize(int events) {
      settings.put("scheduler.google.page-size", events);
      return this;
    }

    /** How long this node's awaits wait before they fail (default 20 seconds). */
    public Builder awaitTimeout(Duration timeout) {
      this.awaitTimeout = timeout;
      return this;
    }

    /** Starts the fake, then a node of its own on an H2 file in {@code dataDir}, on the system clock. */
    public GoogleTestNode start(Path dataDir) {
      FakeGoogleCalendar google = new FakeGoogleCalendar().start();
      try {
        return start(dataDir, google, true);
      } catch (RuntimeException | Error e) {
        google.close();
        throw e;
      }
    }

    /**
     * As {@link #start(Path)} with a fake the caller started and closes, so that a second node on
     * the same data directory (a restart) finds the same Google accounts and grants.
     */
    public GoogleTestNode start(Path dataDir, FakeGoogleCalendar google) {
      return start(dataDir, google, false);
    }

    private GoogleTestNode start(Path dataDir, FakeGoogleCalendar google, boolean ownsFake) {
      Map<String, Object> config = GoogleConsent.settingsFor(google);
      config.putAll(settings);
      if (push) {
        int port = Ports.freePort();
        config.put("scheduler.http.port", port);
        config.put("scheduler.public-url", "http://127.0.0.1:" + port);
      } else {
        config.put("scheduler.google.push", "off");
      }
      SchedulerNode node =
          SchedulerNode.start(TestNodes.config(dataDir, null, 0, List.of(), config), Clock.systemUTC());
      return new GoogleTestNode(google, node, awaitTimeout, ownsFake);
    }

    private Builder duration(String key, Duration value) {
      settings.put(key, value.toMillis() + "ms");
      return this;
    }
  }
}
