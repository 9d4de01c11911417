package dev.scheduler.harness.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.harness.audit.ClientLedger;
import dev.scheduler.harness.audit.ClientLedger.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: request {@code i} is due at {@code start + i / rate} and is sent then, whether
 * or not earlier ones were answered, and its latency runs from that intended time (so a stall of
 * the system, or of this client, shows in every request that should have gone out during it: no
 * coordinated omission). One thread keeps the schedule; requests go out with
 * {@link HttpClient#sendAsync} on one shared HTTP/1.1 client, round-robin over the nodes. A
 * request that times out, gets a 5xx or loses its connection is retried, unchanged (same
 * idempotency key), on the next node after a short backoff, up to the attempt limit; its final
 * outcome is what counts.
 */
final class OpenLoopEngine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SECOND = 1_000_000_000L;
  /**
   * One client for every run in this JVM: a warm-up and the measured run after it (or the systems
   * of a comparison) reuse its pooled connections instead of leaving them open to the server.
   */
  private static final HttpClient SHARED_CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private final String system;
  private final List<URI> nodes;
  private final Workload workload;
  private final ScenarioOptions options;
  private final ClientLedger ledger;
  private final FailureLog failures = new FailureLog();
  private final HttpClient http;
  private final ScheduledExecutorService timers;
  private final Semaphore inFlightPermits;
  private final AtomicLong inFlight = new AtomicLong();
  private final Map<Long, Request> open = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean stopRequested;
  private volatile RunRecorder recorder;

  OpenLoopEngine(String system, List<URI> nodes, Workload workload, ScenarioOptions options, ClientLedger ledger) {
    this.system = system;
    this.nodes = List.copyOf(nodes);
    this.workload = workload;
    this.options = options;
    this.ledger = ledger;
    this.http = SHARED_CLIENT;
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "load-timers-" + system);
      thread.setDaemon(true);
      return thread;
    });
    this.inFlightPermits = new Semaphore(options.maxInFlight());
  }

  /** Starts sending on a thread of its own; the result completes when every request has its final outcome. */
  RunningLoad start(Duration duration, double rate, ProgressSink sink, Scenario scenario, List<String> hostIds) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("an engine runs once");
    }
    if (rate <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    CompletableFuture<SystemRun> result = new CompletableFuture<>();
    Thread scheduler = new Thread(() -> {
      try {
        result.complete(runSchedule(duration, rate, sink, scenario, hostIds));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      } finally {
        timers.shutdownNow();
      }
    }, "load-scheduler-" + system);
    scheduler.setDaemon(true);
    scheduler.setPriority(Thread.MAX_PRIORITY);
    scheduler.start();
    return new RunningLoad(this, result);
  }

  void stop() {
    stopRequested = true;
  }

  ProgressSnapshot progressNow() {
    RunRecorder current = recorder;
    return current == null
        ? new ProgressSnapshot(system, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0)
        : current.progress(system, inFlight.get());
  }

  private SystemRun runSchedule(Duration duration, double rate, ProgressSink sink, Scenario scenario,
      List<String> hostIds) throws InterruptedException {
    long startNanos = System.nanoTime();
    RunRecorder rec = new RunRecorder(startNanos, Instant.now());
    recorder = rec;
    timers.scheduleAtFixedRate(() -> {
      rec.closeSecondsBefore(System.nanoTime());
      try {
        sink.onProgress(rec.progress(system, inFlight.get()));
      } catch (RuntimeException e) {
        // a broken sink must not stop the run
      }
    }, 1, 1, TimeUnit.SECONDS);

    double intervalNanos = SECOND / rate;
    long durationNanos = duration.toNanos();
    long seq = 0;
    while (!stopRequested) {
      long offset = (long) (seq * intervalNanos);
      if (offset >= durationNanos) {
        break;
      }
      long intended = startNanos + offset;
      for (long wait = intended - System.nanoTime(); wait > 0 && !stopRequested; wait = intended - System.nanoTime()) {
        LockSupport.parkNanos(Math.min(wait, 50_000_000L));
      }
      if (stopRequested) {
        break;
      }
      issue(seq++, intended);
    }
    boolean stoppedEarly = stopRequested && (long) (seq * intervalNanos) < durationNanos;
    long sendingNanos = stoppedEarly ? Math.min(System.nanoTime() - startNanos, durationNanos) : durationNanos;

    awaitInFlight();
    Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
    sink.onProgress(rec.progress(system, inFlight.get()));
    Map<Operation, OperationStats> operations = rec.finish();
    return new SystemRun(system, nodes, scenario, options, rec.startedAt(), Duration.ofNanos(sendingNanos), wallTime,
        rate, stoppedEarly, operations, rec.series(), hostIds, ledger, failures);
  }

  /** Waits for every request's final outcome; any still open after every attempt's time is given up on. */
  private void awaitInFlight() throws InterruptedException {
    long backoffs = 0;
    for (int attempt = 1; attempt < options.maxAttempts(); attempt++) {
      backoffs += Math.max(options.retryBackoff().toMillis() << Math.min(attempt - 1, 10), 1000);
    }
    long limit = System.nanoTime() + options.requestTimeout().toNanos() * options.maxAttempts()
        + TimeUnit.MILLISECONDS.toNanos(backoffs) + 5 * SECOND;
    while (!open.isEmpty() && System.nanoTime() < limit) {
      Thread.sleep(20);
    }
    for (Request request : new ArrayList<>(open.values())) {
      request.uncertain = true;
      logFailure(request, OutcomeKind.TIMEOUT, 0, false, System.nanoTime(), true);
      finish(request, OutcomeKind.TIMEOUT, 0, null);
    }
  }

  private void issue(long seq, long intendedNanos) {
    PlannedRequest planned = workload.next(seq);
    Request request = new Request(seq, planned, intendedNanos, (int) (seq % nodes.size()));
    recorder.sent(planned.operation());
    if (!inFlightPermits.tryAcquire()) {
      request.neverSent = true;
      request.attemptSentNanos = intendedNanos;
      logFailure(request, OutcomeKind.CLIENT_OVERLOAD, 0, false, System.nanoTime(), true);
      finish(request, OutcomeKind.CLIENT_OVERLOAD, 0, null);
      return;
    }
    inFlight.incrementAndGet();
    open.put(seq, request);
    attempt(request);
  }

  private void attempt(Request request) {
    request.attempts++;
    request.attemptNode = (request.firstNode + request.attempts - 1) % nodes.size();
    URI node = nodes.get(request.attemptNode);
    HttpRequest.BodyPublisher body = request.planned.body() == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(request.planned.body(), StandardCharsets.UTF_8);
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(node + request.planned.path()))
        .timeout(options.requestTimeout())
        .method(request.planned.method(), body)
        .header("Accept", "application/json");
    if (request.planned.body() != null) {
      builder.header("Content-Type", "application/json");
    }
    if (request.planned.bearer() != null) {
      builder.header("Authorization", "Bearer " + request.planned.bearer());
    }
    if (request.planned.idempotencyKey() != null) {
      builder.header("Idempotency-Key", request.planned.idempotencyKey());
    }
    HttpResponse.BodyHandler<String> handler = request.planned.operation() == Operation.SLOTS
        ? HttpResponse.BodyHandlers.replacing(null)
        : HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    CompletableFuture<HttpResponse<String>> sent;
    request.attemptSentNanos = System.nanoTime();
    try {
      sent = http.sendAsync(builder.build(), handler);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(new IOException("could not send: " + e, e));
    }
    sent.whenComplete((response, error) -> {
      try {
        answered(request, response, error);
      } catch (RuntimeException e) {
        request.uncertain = true;
        finish(request, OutcomeKind.IO_ERROR, 0, null);
      }
    });
  }

  private void answered(Request request, HttpResponse<String> response, Throwable error) {
    OutcomeKind kind = response != null ? OutcomeKind.ofStatus(response.statusCode()) : classify(error);
    recorder.attempt(request.planned.operation(), kind);
    if (kind.isAmbiguous()) {
      request.uncertain = true;
    }
    boolean retry = kind.isRetryable() && request.attempts < options.maxAttempts() && !request.done.get();
    if (kind.isError() && !request.done.get()) {
      logFailure(request, kind, response == null ? 0 : response.statusCode(),
          response != null && response.headers().firstValue("Retry-After").isPresent(), System.nanoTime(), !retry);
    }
    if (retry) {
      long backoff = options.retryBackoff().toMillis() << Math.min(request.attempts - 1, 10);
      long retryAfter = response == null ? 0 : retryAfterMillis(response);
      timers.schedule(() -> attempt(request), Math.max(backoff, Math.min(retryAfter, 1000)), TimeUnit.MILLISECONDS);
      return;
    }
    finish(request, kind, response == null ? 0 : response.statusCode(), response == null ? null : response.body());
  }

  /** Keeps a failed attempt (neither 2xx nor 409) with its times, for fault analysis. */
  private void logFailure(Request request, OutcomeKind kind, int status, boolean retryAfter, long answeredNanos,
      boolean last) {
    failures.record(new FailedAttempt(request.seq, request.planned.operation(), request.planned.hostId(),
        request.neverSent ? 0 : request.attempts, request.neverSent ? -1 : request.attemptNode, kind, status,
        retryAfter, recorder.at(request.attemptSentNanos), recorder.at(answeredNanos), last));
  }

  private void finish(Request request, OutcomeKind kind, int status, String body) {
    if (!request.done.compareAndSet(false, true)) {
      return;
    }
    long now = System.nanoTime();
    if (!request.neverSent) {
      open.remove(request.seq);
      inFlight.decrementAndGet();
      inFlightPermits.release();
    }
    Outcome outcome;
    if (kind == OutcomeKind.OK) {
      outcome = Outcome.ACKNOWLEDGED;
    } else if (kind.isDefinite()) {
      outcome = Outcome.REJECTED;
    } else if (request.uncertain) {
      outcome = Outcome.INDETERMINATE;
    } else {
      outcome = Outcome.FAILED;
    }
    PlannedRequest planned = request.planned;
    BookingHandle booked = null;
    if (planned.operation() == Operation.BOOK && kind == OutcomeKind.OK) {
      booked = bookingFrom(planned, body);
      if (booked == null) {
        outcome = Outcome.INDETERMINATE; // a 2xx without a readable booking tells nothing
      }
    }
    recorder.completed(planned.operation(), kind, outcome == Outcome.INDETERMINATE, Math.max(0, request.attempts - 1),
        request.neverSent ? -1 : now - request.intendedNanos);
    record(request, kind, status, outcome, booked, now);
    try {
      workload.completed(planned, new Completion(kind, status, outcome, booked));
    } catch (RuntimeException e) {
      // the workload's bookkeeping must not lose the request's outcome
    }
  }

  private void record(Request request, OutcomeKind kind, int status, Outcome outcome, BookingHandle booked,
      long now) {
    PlannedRequest planned = request.planned;
    String answer = status > 0 ? String.valueOf(status) : kind.label();
    boolean uncertain = request.uncertain && outcome != Outcome.INDETERMINATE;
    Instant sentAt = recorder.at(request.intendedNanos);
    Instant answeredAt = recorder.at(now);
    switch (planned.operation()) {
      case BOOK -> ledger.record(new ClientLedger.BookingCall(request.seq, planned.hostId(), planned.idempotencyKey(),
          planned.start(), outcome, uncertain, booked == null ? null : booked.bookingId(), answer, sentAt, answeredAt));
      case CANCEL -> ledger.record(new ClientLedger.CancelCall(request.seq, planned.hostId(),
          planned.booking().bookingId(), outcome, uncertain, answer, sentAt, answeredAt));
      case RESCHEDULE -> ledger.record(new ClientLedger.RescheduleCall(request.seq, planned.hostId(),
          planned.booking().bookingId(), planned.start(), outcome, uncertain, answer, sentAt, answeredAt));
      default -> { } // slot listings change nothing
    }
  }

  private static BookingHandle bookingFrom(PlannedRequest planned, String body) {
    try {
      JsonNode json = JSON.readTree(body);
      String id = json.path("id").asText(null);
      if (id == null) {
        return null;
      }
      String start = json.path("start").asText(null);
      return new BookingHandle(planned.hostId(), id, json.path("bookingToken").asText(null),
          start == null ? planned.start() : Instant.parse(start));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static OutcomeKind classify(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return OutcomeKind.CONNECT_TIMEOUT;
    }
    if (cause instanceof HttpTimeoutException) {
      return OutcomeKind.TIMEOUT;
    }
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return OutcomeKind.CONNECTION_REFUSED;
      }
    }
    return OutcomeKind.IO_ERROR;
  }

  private static long retryAfterMillis(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(v -> {
      try {
        return Long.parseLong(v.trim()) * 1000;
      } catch (NumberFormatException e) {
        return 0L;
      }
    }).orElse(0L);
  }

  /** One request across its attempts. */
  private static final class Request {
    final long seq;
    final PlannedRequest planned;
    final long intendedNanos;
    final int firstNode;
    final AtomicBoolean done = new AtomicBoolean();
    volatile int attempts;
    /** The latest attempt: when it went out and to which node (index). */
    volatile long attemptSentNanos;
    volatile int attemptNode;
    volatile boolean uncertain;
    volatile boolean neverSent;

    Request(long seq, PlannedRequest planned, long intendedNanos, int firstNode) {
      this.seq = seq;
      this.planned = planned;
      this.intendedNanos = intendedNanos;
      this.firstNode = firstNode;
    }
  }
}
