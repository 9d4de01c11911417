package dev.scheduler.harness.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduler.harness.client.SchedulerApiClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * How long until every host can take a booking again: for each host, in parallel, list its open
 * slots and book a random one, over and over through the nodes in turn, until a 2xx answer or the
 * timeout. A 409 (someone else took the slot) picks another slot; a 503, a timeout or a lost
 * connection retries the same slot with the same Idempotency-Key, because the first try may have
 * booked it. Every booking the probe may have made is in {@link Result#bookings()}, for the auditor.
 */
public final class RecoveryProbe {
  /** A host and one of its event types; the probe books that type. */
  public record Target(String hostId, String eventTypeSlug) {}

  /**
   * @param timeout        per host, from the start of {@link #measure}
   * @param requestTimeout one HTTP request (above the node's 5 s ask timeout, so its 503 arrives)
   * @param retryPause     between failed attempts
   * @param slotsFrom      first date of the slot listings (at most 62 days to slotsTo)
   * @param slotsTo        last date
   * @param watchInterval  in {@link #watch}, between a success and the next booking
   */
  public record Settings(Duration timeout, Duration requestTimeout, Duration retryPause,
      LocalDate slotsFrom, LocalDate slotsTo, Duration watchInterval) {

    public Settings(Duration timeout, Duration requestTimeout, Duration retryPause, LocalDate slotsFrom,
        LocalDate slotsTo) {
      this(timeout, requestTimeout, retryPause, slotsFrom, slotsTo, Duration.ofMillis(500));
    }

    /**
     * 120 s per host, 10 s per request, slots from 30 to 60 days ahead (load usually books
     * sooner), a booking per host every half second while watching.
     */
    public static Settings defaults(Clock clock) {
      LocalDate today = LocalDate.now(clock);
      return new Settings(Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofMillis(250),
          today.plusDays(30), today.plusDays(60), Duration.ofMillis(500));
    }
  }

  /** One request: "slots" or "book", through which node, and what came back ("201", "503", "timeout"). */
  public record Attempt(String hostId, String request, int node, String idempotencyKey, String slot,
      String answer, Instant sentAt, Instant answeredAt) {}

  /**
   * One booking request after its retries, in the shape of the client ledger: acknowledged (2xx),
   * rejected (409 and the like) or indeterminate (the probe gave up on an unknown outcome).
   * {@code uncertain}: an earlier try had no definite answer.
   */
  public record ProbeBooking(String hostId, String idempotencyKey, String start, String finalAnswer,
      boolean acknowledged, boolean indeterminate, boolean uncertain, String bookingId,
      Instant firstSentAt, Instant answeredAt) {

    public boolean mayHaveApplied() {
      return acknowledged || indeterminate || uncertain;
    }
  }

  /**
   * When the host could book again (counted from the probe's {@code since}), or why not: requests
   * sent, how many of them failed, the last failure (null when none).
   */
  public record HostRecovery(String hostId, Optional<Duration> recoveredAfter, int attempts, int failures,
      String lastFailure) {}

  public record Result(Instant since, Instant finishedAt, List<HostRecovery> hosts, List<Attempt> attempts,
      List<ProbeBooking> bookings) {

    public boolean allRecovered() {
      return hosts.stream().allMatch(h -> h.recoveredAfter().isPresent());
    }

    /** The slowest host's time; empty when some host never booked. */
    public Optional<Duration> maxRecovery() {
      if (!allRecovered()) {
        return Optional.empty();
      }
      return hosts.stream().map(h -> h.recoveredAfter().orElseThrow()).max(Comparator.naturalOrder());
    }

    /**
     * The takeover time: until every host had booked again, for good, before {@code cutoff} (the
     * moment a fault's repair began), counted from {@code since}. Unlike {@link #maxRecovery()} it
     * ignores what the repair itself does (a restarted node taking shards back); empty when some
     * host's last try before the cutoff had failed. A refused connection is a dead node, not a
     * failure of the host: the probe moves to the next node.
     */
    public Optional<Duration> takeoverBefore(Instant cutoff) {
      Duration slowest = Duration.ZERO;
      for (HostRecovery host : hosts) {
        Optional<Instant> bookable = bookableSince(host.hostId(), cutoff);
        if (bookable.isEmpty()) {
          return Optional.empty();
        }
        Duration took = Duration.between(since, bookable.get());
        slowest = took.compareTo(slowest) > 0 ? took : slowest;
      }
      return Optional.of(slowest);
    }

    private Optional<Instant> bookableSince(String hostId, Instant cutoff) {
      Instant streak = null;
      List<Attempt> mine = attempts.stream()
          .filter(a -> a.hostId().equals(hostId) && a.answeredAt().isBefore(cutoff))
          .sorted(Comparator.comparing(Attempt::answeredAt)).toList();
      for (Attempt attempt : mine) {
        boolean booked = attempt.request().equals("book") && attempt.answer().startsWith("2");
        boolean failed = !attempt.answer().startsWith("2") && !attempt.answer().equals("409")
            && !attempt.answer().equals("refused");
        if (failed) {
          streak = null;
        } else if (booked && streak == null) {
          streak = attempt.answeredAt();
        }
      }
      return Optional.ofNullable(streak);
    }

    /** How many requests got each answer, such as {"book 201": 12, "book 503": 4, "slots timeout": 1}. */
    public Map<String, Long> answers() {
      Map<String, Long> counts = new TreeMap<>();
      attempts.forEach(a -> counts.merge(a.request() + " " + a.answer(), 1L, Long::sum));
      return counts;
    }

    /** One line per host, slowest first: when it booked again, its failures, the last one. */
    public List<String> perHost() {
      return hosts.stream()
          .sorted(Comparator.comparing((HostRecovery h) -> h.recoveredAfter().orElse(Duration.ofDays(1))).reversed())
          .map(h -> String.format("%s %s, %d of %d requests failed%s", h.hostId(),
              h.recoveredAfter().map(d -> String.format("booked again after %.1f s", d.toMillis() / 1000.0))
                  .orElse("never booked again"),
              h.failures(), h.attempts(), h.lastFailure() == null ? "" : " (last: " + h.lastFailure() + ")"))
          .toList();
    }

    public String summary() {
      long recovered = hosts.stream().filter(h -> h.recoveredAfter().isPresent()).count();
      long hit = hosts.stream().filter(h -> h.failures() > 0).count();
      return String.format("%d/%d hosts booked again%s, %d of them failed first; answers %s", recovered,
          hosts.size(),
          maxRecovery().map(d -> String.format(", the last after %.1f s", d.toMillis() / 1000.0)).orElse(""),
          hit, answers());
    }
  }

  private static final int MAX_THREADS = 256;

  private final List<URI> nodes;
  private final IntPredicate nodeUsable;
  private final Settings settings;
  private final Clock clock;
  private final HttpClient http;
  private final AtomicInteger inviteeCounter = new AtomicInteger();

  /**
   * @param nodeUsable whether a node is worth asking now (not exited or frozen); when none is,
   *                   every node is asked
   */
  public RecoveryProbe(List<URI> nodes, IntPredicate nodeUsable, Settings settings, Clock clock) {
    this.nodes = List.copyOf(nodes);
    this.nodeUsable = nodeUsable;
    this.settings = settings;
    this.clock = clock;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** Through the cluster's nodes, skipping those that are not running (states cached for 0.5 s). */
  public static RecoveryProbe forCluster(ClusterControl cluster, Settings settings) {
    return new RecoveryProbe(cluster.nodeUrls(), new CachedNodeStates(cluster, Duration.ofMillis(500)),
        settings, Clock.systemUTC());
  }

  /**
   * Probes every target until each booked once or timed out: the time until every host can book
   * again, counted from {@code since} (such as the moment a fault was healed).
   */
  public Result measure(List<Target> targets, Instant since) {
    return run(targets, since, (session, attempts, bookings) -> untilFirstSuccess(session, since, attempts, bookings));
  }

  /**
   * Keeps booking for every target, one fresh slot after another, while a fault is in place and
   * until each host's latest try after {@code faultOver} turned true succeeded (or the timeout
   * passed since then). A host's recovery is the first success of its final unbroken run of
   * successes, counted from {@code since} (the injection): a host that answered at first and
   * failed later, as the lone side of a partition does when it downs itself, counts from its
   * last failure, not its first success.
   */
  public Result watch(List<Target> targets, Instant since, BooleanSupplier faultOver) {
    return run(targets, since, (session, attempts, bookings) ->
        untilOverAndBooking(session, since, faultOver, attempts, bookings));
  }

  private interface HostLoop {
    HostRecovery run(HostSession session, List<Attempt> attempts, List<ProbeBooking> bookings);
  }

  private Result run(List<Target> targets, Instant since, HostLoop loop) {
    List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    List<ProbeBooking> bookings = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(targets.size(), MAX_THREADS)), r -> {
      Thread t = new Thread(r, "recovery-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<HostRecovery>> futures = new ArrayList<>();
      for (Target target : targets) {
        futures.add(pool.submit(() -> loop.run(new HostSession(target), attempts, bookings)));
      }
      List<HostRecovery> hosts = new ArrayList<>();
      for (Future<HostRecovery> future : futures) {
        hosts.add(future.get());
      }
      return new Result(since, clock.instant(), List.copyOf(hosts), List.copyOf(attempts), List.copyOf(bookings));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("probe failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private HostRecovery untilFirstSuccess(HostSession session, Instant since, List<Attempt> attempts,
      List<ProbeBooking> bookings) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    while (System.nanoTime() < deadline) {
      Try outcome = session.tryOnce(attempts, bookings);
      if (outcome.booked()) {
        return session.recovery(Optional.of(Duration.between(since, outcome.at())));
      }
      if (outcome.failed()) {
        Sleep.of(settings.retryPause());
      }
    }
    session.abandon(bookings);
    return session.recovery(Optional.empty());
  }

  private HostRecovery untilOverAndBooking(HostSession session, Instant since, BooleanSupplier faultOver,
      List<Attempt> attempts, List<ProbeBooking> bookings) {
    Instant streakStart = null;
    long overSince = 0;
    while (true) {
      boolean over = faultOver.getAsBoolean();
      if (over && overSince == 0) {
        overSince = System.nanoTime();
      }
      Try outcome = session.tryOnce(attempts, bookings);
      if (outcome.booked()) {
        streakStart = streakStart == null ? outcome.at() : streakStart;
        if (over) {
          return session.recovery(Optional.of(Duration.between(since, streakStart)));
        }
        Sleep.of(settings.watchInterval());
      } else if (outcome.failed()) {
        streakStart = null;
        if (over && System.nanoTime() - overSince > settings.timeout().toNanos()) {
          session.abandon(bookings);
          return session.recovery(Optional.empty());
        }
        Sleep.of(settings.retryPause());
      }
      // Not reached (a node that refuses connections, such as one still starting): the next node, at once.
    }
  }

  /**
   * What one try came to: booked (at the answer's time), failed (the host could not book), or not
   * reached: that node refused the connection, and the host is not to blame as long as another
   * node may answer. When every node in turn refuses, that is a failure.
   */
  private record Try(Kind kind, Instant at) {
    enum Kind { BOOKED, FAILED, UNREACHED }

    boolean booked() {
      return kind == Kind.BOOKED;
    }

    boolean failed() {
      return kind == Kind.FAILED;
    }
  }

  /** One host's state between tries: the slot being booked and its key, and counts. */
  private final class HostSession {
    private final Target target;
    private int turn = ThreadLocalRandom.current().nextInt(nodes.size());
    private int count;
    private int failures;
    private String lastFailure;
    private int refusedInARow;
    private Pending pending;

    HostSession(Target target) {
      this.target = target;
    }

    /** Lists slots if it has none in hand, then books. */
    Try tryOnce(List<Attempt> attempts, List<ProbeBooking> bookings) {
      int node = pickNode(turn++);
      if (pending == null) {
        Answer slots = send(node, "GET", slotsPath(target), null, null);
        count++;
        attempts.add(new Attempt(target.hostId(), "slots", node, null, null, slots.label(), slots.sentAt(),
            slots.answeredAt()));
        if (slots.refused()) {
          return notReached("slots refused");
        }
        Optional<String> slot = slots.status() == 200 ? randomSlot(slots.body()) : Optional.empty();
        if (slot.isEmpty()) {
          return failed(slots.status() == 200 ? "no open slot between " + settings.slotsFrom() + " and "
              + settings.slotsTo() : "slots " + slots.label());
        }
        // A retry with the same key must send the same body, or the node rightly answers 422.
        pending = new Pending(slot.get(), "recovery-probe-" + UUID.randomUUID(), bookingBody(target, slot.get()),
            slots.answeredAt());
        node = pickNode(turn++);
      }
      Answer booked = send(node, "POST", "/api/v1/hosts/" + segment(target.hostId()) + "/bookings",
          pending.body(), pending.key());
      count++;
      attempts.add(new Attempt(target.hostId(), "book", node, pending.key(), pending.slot(), booked.label(),
          booked.sentAt(), booked.answeredAt()));
      if (booked.status() >= 200 && booked.status() < 300) {
        bookings.add(pending.finish(target.hostId(), booked, true, false, bookingId(booked.body())));
        pending = null;
        refusedInARow = 0;
        return new Try(Try.Kind.BOOKED, booked.answeredAt());
      }
      if (booked.refused()) {
        // The connection never opened, so nothing was booked: keep the slot and key for the next node.
        return notReached("book refused");
      }
      Try failure = failed("book " + booked.label());
      if (booked.definite()) {
        // The slot went to someone else (409), or the request was refused: a new slot, a new key.
        bookings.add(pending.finish(target.hostId(), booked, false, false, null));
        pending = null;
      } else {
        pending = pending.withUncertainty();
      }
      return failure;
    }

    private Try failed(String why) {
      failures++;
      lastFailure = why;
      refusedInARow = 0;
      return new Try(Try.Kind.FAILED, clock.instant());
    }

    private Try notReached(String why) {
      refusedInARow++;
      if (refusedInARow >= nodes.size()) {
        return failed(why + " by every node");
      }
      return new Try(Try.Kind.UNREACHED, clock.instant());
    }

    /** Giving up with an unknown outcome in hand: the auditor must know it may have booked. */
    void abandon(List<ProbeBooking> bookings) {
      if (pending != null) {
        bookings.add(new ProbeBooking(target.hostId(), pending.key(), pending.slot(), lastFailure, false,
            pending.uncertain(), pending.uncertain(), null, pending.firstSentAt(), clock.instant()));
        pending = null;
      }
    }

    HostRecovery recovery(Optional<Duration> recoveredAfter) {
      return new HostRecovery(target.hostId(), recoveredAfter, count, failures, lastFailure);
    }
  }

  private record Pending(String slot, String key, Object body, Instant firstSentAt, boolean uncertain) {
    Pending(String slot, String key, Object body, Instant firstSentAt) {
      this(slot, key, body, firstSentAt, false);
    }

    Pending withUncertainty() {
      return new Pending(slot, key, body, firstSentAt, true);
    }

    ProbeBooking finish(String hostId, Answer answer, boolean acknowledged, boolean indeterminate,
        String bookingId) {
      return new ProbeBooking(hostId, key, slot, answer.label(), acknowledged, indeterminate, uncertain,
          bookingId, firstSentAt, answer.answeredAt());
    }
  }

  /** Round robin over the usable nodes; all of them when none is. */
  private int pickNode(int turn) {
    for (int i = 0; i < nodes.size(); i++) {
      int candidate = Math.floorMod(turn + i, nodes.size());
      if (nodeUsable.test(candidate)) {
        return candidate;
      }
    }
    return Math.floorMod(turn, nodes.size());
  }

  private String slotsPath(Target target) {
    return "/api/v1/hosts/" + segment(target.hostId()) + "/event-types/" + segment(target.eventTypeSlug())
        + "/slots?start=" + settings.slotsFrom() + "&end=" + settings.slotsTo();
  }

  private Object bookingBody(Target target, String slot) {
    Map<String, Object> invitee = new LinkedHashMap<>();
    invitee.put("name", "Recovery Probe");
    invitee.put("email", "recovery-probe-" + inviteeCounter.incrementAndGet() + "@example.com");
    invitee.put("timeZone", "UTC");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventType", target.eventTypeSlug());
    body.put("start", slot);
    body.put("invitee", invitee);
    body.put("notes", "chaos recovery probe");
    return body;
  }

  static Optional<String> randomSlot(String slotsJson) {
    try {
      List<String> starts = new ArrayList<>();
      for (JsonNode day : SchedulerApiClient.MAPPER.readTree(slotsJson).path("days")) {
        for (JsonNode slot : day.path("slots")) {
          starts.add(slot.path("start").asText());
        }
      }
      return starts.isEmpty() ? Optional.empty()
          : Optional.of(starts.get(ThreadLocalRandom.current().nextInt(starts.size())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String bookingId(String body) {
    try {
      return SchedulerApiClient.MAPPER.readTree(body).path("id").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** An HTTP answer, or a status below 0 when none came: -1 timeout, -2 refused, -3 other I/O. */
  private record Answer(int status, String body, Instant sentAt, Instant answeredAt) {
    String label() {
      switch (status) {
        case -1:
          return "timeout";
        case -2:
          return "refused";
        case -3:
          return "io-error";
        default:
          return Integer.toString(status);
      }
    }

    boolean refused() {
      return status == -2;
    }

    /** The request certainly did or did not happen: any answer other than 5xx. */
    boolean definite() {
      return status >= 200 && status < 500;
    }
  }

  private Answer send(int node, String method, String path, Object body, String idempotencyKey) {
    URI uri = nodes.get(node).resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request.header("Content-Type", "application/json").method(method,
            HttpRequest.BodyPublishers.ofString(SchedulerApiClient.MAPPER.writeValueAsString(body)));
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    Instant sent = clock.instant();
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), sent, clock.instant());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return new Answer(-2, "", sent, clock.instant());
    } catch (HttpTimeoutException e) {
      return new Answer(-1, "", sent, clock.instant());
    } catch (IOException e) {
      // "Connection refused" sometimes arrives as a plain IOException with a ConnectException cause.
      return new Answer(e.getCause() instanceof ConnectException ? -2 : -3, "", sent, clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Node states from the cluster control, asked at most once per interval (the script is a process). */
  private static final class CachedNodeStates implements IntPredicate {
    private final ClusterControl cluster;
    private final long intervalNanos;
    private final NodeState[] states;
    private long checkedAt;

    CachedNodeStates(ClusterControl cluster, Duration interval) {
      this.cluster = cluster;
      this.intervalNanos = interval.toNanos();
      this.states = new NodeState[cluster.size()];
    }

    @Override
    public synchronized boolean test(int node) {
      if (states[node] == null || System.nanoTime() - checkedAt > intervalNanos) {
        for (int i = 0; i < states.length; i++) {
          try {
            states[i] = cluster.state(i);
          } catch (RuntimeException e) {
            states[i] = NodeState.RUNNING; // unknown: try it rather than skip it
          }
        }
        checkedAt = System.nanoTime();
      }
      return states[node] == NodeState.RUNNING;
    }
  }
}
