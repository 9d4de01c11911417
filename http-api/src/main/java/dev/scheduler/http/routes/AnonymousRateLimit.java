package dev.scheduler.http.routes;

import dev.scheduler.http.ErrorResponses;
import dev.scheduler.http.IsolationSettings;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.http.auth.Tokens;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate-limits anonymous API requests (slot listings, bookings by invitees, anything without an admin
 * or host token) per client address: past the bucket a request gets 429 rate_limited with
 * Retry-After, before it reaches any entity. Requests with a host token are left to the per-host
 * limit: the entity checks the token, and a host cannot be throttled by its invitees' addresses.
 *
 * <p>The address is the TCP peer's (the {@code remote-address-attribute} of the server), never a
 * forwarded-for header, which a client could vary per request to get a fresh bucket each time.
 */
final class AnonymousRateLimit extends RouteSupport {
  private static final Logger LOG = LoggerFactory.getLogger(AnonymousRateLimit.class);
  private static final long LOG_EVERY = 1000;

  private final RateBuckets buckets;
  private final Credentials credentials;
  private final boolean exemptLoopback;
  private final AtomicLong refused = new AtomicLong();
  private volatile Runnable onShed = () -> { };

  AnonymousRateLimit(IsolationSettings settings, Credentials credentials, Clock clock) {
    this.buckets = new RateBuckets(settings.anonymousPerSecond(), settings.anonymousBurst(),
        settings.maxTrackedAddresses(), clock);
    this.credentials = credentials;
    this.exemptLoopback = settings.exemptLoopback();
  }

  Route around(Supplier<Route> inner) {
    return extractRequest(request -> withBearerOrQueryToken(token -> {
      Optional<InetAddress> client = clientAddress(request);
      if (client.isEmpty() || isExempt(client.get(), token)) {
        return inner.get();
      }
      RateBuckets.Outcome outcome = buckets.tryTake(client.get().getHostAddress());
      if (outcome.allowed()) {
        return inner.get();
      }
      noteRefused();
      return complete(ErrorResponses.of(StatusCodes.TOO_MANY_REQUESTS, "rate_limited",
              "Too many requests without a host token from this address; try again in "
                  + outcome.retryAfterSeconds() + " s.")
          .addHeader(RetryAfter.create(outcome.retryAfterSeconds())));
    }));
  }

  private boolean isExempt(InetAddress client, Optional<String> token) {
    if (exemptLoopback && client.isLoopbackAddress()) {
      return true;
    }
    return token.isPresent() && (credentials.isAdmin(token) || Tokens.hostIdOfHostToken(token.get()).isPresent());
  }

  // Without the attribute (route tests, or remote-address-attribute turned off) there is no address
  // to count by; such requests are not limited rather than all sharing one bucket.
  private static Optional<InetAddress> clientAddress(HttpRequest request) {
    return request.getAttribute(AttributeKeys.remoteAddress).flatMap(RemoteAddress::getAddress);
  }

  /** Told of every refusal (the node's metrics). */
  AnonymousRateLimit countingShedIn(Runnable counter) {
    this.onShed = counter;
    return this;
  }

  private void noteRefused() {
    onShed.run();
    long count = refused.incrementAndGet();
    if (count == 1 || count % LOG_EVERY == 0) {
      LOG.warn("Rate-limited: {} anonymous requests refused so far with 429 (scheduler.http.anonymous-rate-limit)",
          count);
    }
  }
}
