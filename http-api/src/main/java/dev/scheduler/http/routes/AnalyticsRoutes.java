package dev.scheduler.http.routes;

import dev.scheduler.http.ApiError;
import dev.scheduler.http.auth.Credentials;
import dev.scheduler.http.json.AnalyticsJson;
import dev.scheduler.http.json.RequestReader;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.analytics.HostAnalytics;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetHost;
import dev.scheduler.protocol.model.HostProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/hosts/{hostId}/analytics?from=&to=}: the host's booking figures from the read
 * side, for the host's token or the admin's. One ask to the host's entity checks the token and
 * gives the host's zone; the figures come from {@link HostAnalytics}, never from the entity.
 */
public final class AnalyticsRoutes extends RouteSupport {
  /** Without {@code from}, the range is the 12 weeks before {@code to}. */
  public static final Duration DEFAULT_RANGE = Duration.ofDays(7 * 12);
  /** The longest range asked for at once. */
  public static final Duration MAX_RANGE = Duration.ofDays(400);

  private final EntityClient entities;
  private final Credentials credentials;
  private final HostAnalytics analytics;
  private final Clock clock;

  public AnalyticsRoutes(EntityClient entities, Credentials credentials, HostAnalytics analytics, Clock clock) {
    this.entities = entities;
    this.credentials = credentials;
    this.analytics = analytics;
    this.clock = clock;
  }

  public Route routes(String hostId) {
    return path("analytics", () -> get(() -> withBearer(token ->
        parameterOptional("from", from -> parameterOptional("to", to -> analytics(hostId, token, from, to))))));
  }

  private Route analytics(String hostId, Optional<String> token, Optional<String> fromText, Optional<String> toText) {
    var access = credentials.accessTo(hostId, token);
    // Whole seconds: the default end is "now", and an answer's range reads better without nanoseconds.
    Instant to = toText.map(t -> RequestReader.instant("to", t))
        .orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Instant from = fromText.map(f -> RequestReader.instant("from", f)).orElseGet(() -> to.minus(DEFAULT_RANGE));
    if (!from.isBefore(to)) {
      throw ApiError.invalid("'to' must be after 'from'.");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw ApiError.invalid("The range from 'from' to 'to' may span at most " + MAX_RANGE.toDays() + " days.");
    }
    return respond(StatusCodes.OK, entities.<HostProfile>askHost(hostId, r -> new GetHost(access, r))
        .thenCompose(host -> analytics.of(hostId, host.timeZone(), from, to))
        .thenApply(AnalyticsJson::of));
  }
}
