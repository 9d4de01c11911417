package dev.scheduler.node.provider.ics;

import dev.scheduler.node.provider.BusyTimeSource;
import dev.scheduler.node.provider.ChangePage;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.provider.SyncCursor;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.node.provider.ics.fetch.FeedFailure;
import dev.scheduler.node.provider.ics.fetch.FeedFetcher;
import dev.scheduler.node.provider.ics.fetch.FeedRead;
import dev.scheduler.node.provider.ics.fetch.FeedResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed the host pasted, polled with conditional GETs (ETag, Last-Modified). Each changed feed is
 * parsed whole into the busy set; an unchanged one costs a 304. A feed is read again in full at
 * least hourly even when unchanged, since the window of expanded recurrences moves with time.
 * Reading is bounded (see {@link FeedFetcher}: public addresses only, a deadline on the whole read,
 * a size cap) and so is expanding ({@link IcsLimits}); {@link #close()} ends a read in progress.
 * What fails is told to the host by category, never with what the server answered.
 */
public final class IcsFeedSource implements BusyTimeSource {
  static final Duration REPARSE_AFTER = Duration.ofHours(1);

  private final FeedFetcher fetcher;
  private final URI url;
  private final ZoneId floatingZone;
  private final IcsLimits limits;
  private final ParseBudget parsing;
  private final Clock clock;
  private final FeedRead reads = new FeedRead();

  public IcsFeedSource(FeedFetcher fetcher, URI url, ZoneId floatingZone, IcsLimits limits, ParseBudget parsing,
      Clock clock) {
    this.fetcher = fetcher;
    this.url = url;
    this.floatingZone = floatingZone;
    this.limits = limits;
    this.parsing = parsing;
    this.clock = clock;
  }

  @Override
  public ChangePage read(String calendarId, SyncCursor cursor, Interval window) throws ProviderException {
    FeedVersion known = FeedVersion.parse(cursor.syncToken());
    Instant now = clock.instant();
    Map<String, String> headers = known != null && known.parsedAt().plus(REPARSE_AFTER).isAfter(now)
        ? known.conditionalHeaders() : Map.of();
    FeedResponse response = get(headers);
    if (response.status() == 304 && known != null) {
      return ChangePage.unchanged(cursor);
    }
    if (response.status() != 200) {
      throw failed(new FeedFailure(FeedFailure.ofStatus(response.status())));
    }
    List<Interval> busy = busy(response.body(), window);
    Map<String, Interval> byId = new HashMap<>();
    for (int i = 0; i < busy.size(); i++) {
      byId.put("ics-" + i, busy.get(i));
    }
    FeedVersion version = new FeedVersion(response.header("ETag").orElse(null),
        response.header("Last-Modified").orElse(null), now);
    return ChangePage.complete(byId, version.token());
  }

  /** Ends a read in progress (the connection was removed); later reads fail at once. */
  @Override
  public void close() {
    reads.cancel();
  }

  private FeedResponse get(Map<String, String> headers) throws ProviderException {
    try {
      return fetcher.get(url, headers, reads);
    } catch (FeedFailure e) {
      throw failed(e);
    }
  }

  private List<Interval> busy(byte[] body, Interval window) throws ProviderException {
    try {
      return parsing.parse(body.length, () -> IcsBusyTime.busyIntervals(
          new String(body, StandardCharsets.UTF_8), window.start(), window.end(), floatingZone, limits));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable("Reading the feed was interrupted");
    } catch (FeedLimitExceeded e) {
      throw new ProviderException.Rejected(e.getMessage());
    } catch (IcsParseException e) {
      // A page that is not a calendar at all is said so without quoting it.
      throw new ProviderException.Rejected(e.getMessage().startsWith(IcsReader.NOT_A_CALENDAR)
          ? "The feed is not a calendar: it is not an iCalendar (.ics) file." : e.getMessage());
    }
  }

  /** Whether retrying soon may help decides the kind; the message is the category's. */
  private static ProviderException failed(FeedFailure failure) {
    return switch (failure.category()) {
      case RATE_LIMITED -> new ProviderException.RateLimited(failure.getMessage(), null);
      case TIMEOUT, CONNECTION_FAILED, NOT_RESOLVED, BAD_RESPONSE, SERVER_ERROR, CANCELLED ->
          new ProviderException.Unavailable(failure.getMessage());
      case TOO_LARGE, REFUSED_ADDRESS, TOO_MANY_REDIRECTS, BAD_URL, CLIENT_ERROR, UNEXPECTED_STATUS ->
          new ProviderException.Rejected(failure.getMessage());
    };
  }

  /** What a feed was when last read, kept in the sync token: {@code etag|lastModified|parsedAtMillis}. */
  record FeedVersion(String etag, String lastModified, Instant parsedAt) {
    String token() {
      return (etag == null ? "" : etag) + "\n" + (lastModified == null ? "" : lastModified) + "\n" + parsedAt.toEpochMilli();
    }

    static FeedVersion parse(String token) {
      if (token == null) {
        return null;
      }
      String[] parts = token.split("\n", -1);
      return new FeedVersion(parts[0].isEmpty() ? null : parts[0], parts[1].isEmpty() ? null : parts[1],
          Instant.ofEpochMilli(Long.parseLong(parts[2])));
    }

    Map<String, String> conditionalHeaders() {
      Map<String, String> headers = new HashMap<>();
      if (etag != null) {
        headers.put("If-None-Match", etag);
      }
      if (lastModified != null) {
        headers.put("If-Modified-Since", lastModified);
      }
      return headers;
    }
  }
}
