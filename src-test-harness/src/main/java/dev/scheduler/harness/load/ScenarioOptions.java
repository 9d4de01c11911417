package dev.scheduler.harness.load;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How a scenario's hosts are set up and how its requests behave. Every host gets the same
 * schedule (every weekday 08:00-20:00 in {@code zone}) and one event type {@code load} of
 * {@code durationMinutes} with {@code bufferAfterMinutes} after it and no minimum notice, so that
 * adjacent slots conflict through the buffer.
 *
 * @param seed makes two systems get the same generated load (the same hosts, slots and choices)
 * @param hosts how many hosts to create; 0 takes the scenario's default
 * @param days how many days of slots are listed at setup (and by {@code mixed}'s listings), from
 *     {@code firstDate}
 * @param firstDate the first day of slots; null means tomorrow in {@code zone}
 * @param hotSlots {@code hotspot}: how many of each host's slots the clients race for at a time
 * @param hotRotateEvery {@code hotspot}: after this many requests the race moves on to each host's
 *     next {@code hotSlots} slots (0: never), so that a long run keeps racing for free slots
 *     instead of only being refused once the first few are taken
 * @param requestTimeout one attempt's limit; without an answer by then the attempt timed out
 * @param maxAttempts attempts per request (the first included) when the answer is 503, a timeout
 *     or a connection error; each retry goes to the next node with the same idempotency key
 * @param retryBackoff the pause before the first retry, doubled for each further one (a
 *     {@code Retry-After} of up to a second is honoured)
 * @param maxInFlight requests beyond this many unanswered ones are not sent but counted as
 *     {@code client-overload}, so that a stalled system cannot exhaust the client's sockets
 * @param setupParallelism concurrent requests while creating hosts
 */
public record ScenarioOptions(long seed, int hosts, int days, LocalDate firstDate, ZoneId zone,
    int durationMinutes, int bufferAfterMinutes, int hotSlots, int hotRotateEvery, Duration requestTimeout,
    int maxAttempts,
    Duration retryBackoff, int maxInFlight, int setupParallelism) {

  public static final String EVENT_TYPE = "load";

  public ScenarioOptions {
    if (days < 1 || days > 60) {
      throw new IllegalArgumentException("days must be 1..60, not " + days);
    }
    if (hosts < 0 || hotRotateEvery < 0 || hotSlots < 1 || maxAttempts < 1 || maxInFlight < 1 || setupParallelism < 1) {
      throw new IllegalArgumentException("hosts, hotRotateEvery >= 0 and hotSlots, maxAttempts, maxInFlight, setupParallelism >= 1");
    }
  }

  public static ScenarioOptions defaults() {
    return new ScenarioOptions(42, 0, 7, null, ZoneId.of("Europe/Amsterdam"), 30, 10, 3, 500,
        Duration.ofSeconds(10), 3, Duration.ofMillis(100), 8000, 8);
  }

  /** The number of hosts for this scenario. */
  public int hostsFor(Scenario scenario) {
    return hosts > 0 ? hosts : scenario.defaultHosts();
  }

  public LocalDate firstDateOrTomorrow() {
    return firstDate != null ? firstDate : LocalDate.now(zone).plusDays(1);
  }

  public ScenarioOptions withSeed(long value) {
    return new ScenarioOptions(value, hosts, days, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots, hotRotateEvery, requestTimeout, maxAttempts, retryBackoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withHosts(int value) {
    return new ScenarioOptions(seed, value, days, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots, hotRotateEvery, requestTimeout, maxAttempts, retryBackoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withDays(int value) {
    return new ScenarioOptions(seed, hosts, value, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots, hotRotateEvery, requestTimeout, maxAttempts, retryBackoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withFirstDate(LocalDate value) {
    return new ScenarioOptions(seed, hosts, days, value, zone, durationMinutes, bufferAfterMinutes, hotSlots,
        hotRotateEvery, requestTimeout, maxAttempts, retryBackoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withHotSlots(int value) {
    return new ScenarioOptions(seed, hosts, days, firstDate, zone, durationMinutes, bufferAfterMinutes, value,
        hotRotateEvery, requestTimeout, maxAttempts, retryBackoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withHotRotation(int everyRequests) {
    return new ScenarioOptions(seed, hosts, days, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots,
        everyRequests, requestTimeout, maxAttempts, retryBackoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withRequestTimeout(Duration value) {
    return new ScenarioOptions(seed, hosts, days, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots, hotRotateEvery, value, maxAttempts, retryBackoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withRetries(int attempts, Duration backoff) {
    return new ScenarioOptions(seed, hosts, days, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots, hotRotateEvery, requestTimeout, attempts, backoff, maxInFlight, setupParallelism);
  }

  public ScenarioOptions withMaxInFlight(int value) {
    return new ScenarioOptions(seed, hosts, days, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots, hotRotateEvery, requestTimeout, maxAttempts, retryBackoff, value, setupParallelism);
  }

  public ScenarioOptions withSetupParallelism(int value) {
    return new ScenarioOptions(seed, hosts, days, firstDate, zone, durationMinutes, bufferAfterMinutes,
        hotSlots, hotRotateEvery, requestTimeout, maxAttempts, retryBackoff, maxInFlight, value);
  }
}
