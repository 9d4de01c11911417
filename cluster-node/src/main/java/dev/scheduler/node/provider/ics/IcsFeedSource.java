package dev.scheduler.node.provider.ics;

import dev.scheduler.node.provider.BusyTimeSource;
import dev.scheduler.node.provider.ChangePage;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.provider.SyncCursor;
import dev.scheduler.protocol.model.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 */
public final class IcsFeedSource implements BusyTimeSource {
  static final int MAX_BYTES = 10 * 1024 * 1024;
  static final Duration REPARSE_AFTER = Duration.ofHours(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http;
  private final URI url;
  private final ZoneId floatingZone;
  private final boolean allowPrivateAddresses;
  private final Clock clock;

  public IcsFeedSource(HttpClient http, URI url, ZoneId floatingZone, boolean allowPrivateAddresses, Clock clock) {
    this.http = http;
    this.url = url;
    this.floatingZone = floatingZone;
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.clock = clock;
  }

  @Override
  public ChangePage read(String calendarId, SyncCursor cursor, Interval window) throws ProviderException {
    refusePrivateAddress();
    FeedVersion known = FeedVersion.parse(cursor.syncToken());
    Instant now = clock.instant();
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET()
        .header("Accept", "text/calendar, */*;q=0.5");
    if (known != null && known.parsedAt().plus(REPARSE_AFTER).isAfter(now)) {
      known.conditionalHeaders().forEach(request::header);
    }
    HttpResponse<InputStream> response = send(request.build());
    if (response.statusCode() == 304 && known != null) {
      return ChangePage.unchanged(cursor);
    }
    checkStatus(response.statusCode());
    String text = body(response);
    List<Interval> busy;
    try {
      busy = IcsBusyTime.busyIntervals(text, window.start(), window.end(), floatingZone);
    } catch (IcsParseException e) {
      throw new ProviderException.Rejected("The feed could not be read as iCalendar: " + e.getMessage());
    }
    Map<String, Interval> byId = new HashMap<>();
    for (int i = 0; i < busy.size(); i++) {
      byId.put("ics-" + i, busy.get(i));
    }
    FeedVersion version = new FeedVersion(response.headers().firstValue("ETag").orElse(null),
        response.headers().firstValue("Last-Modified").orElse(null), now);
    return ChangePage.complete(byId, version.token());
  }

  private HttpResponse<InputStream> send(HttpRequest request) throws ProviderException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ProviderException.Unavailable("The feed could not be loaded: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException.Unavailable("Loading the feed was interrupted");
    }
  }

  private static void checkStatus(int status) throws ProviderException {
    if (status == 429) {
      throw new ProviderException.RateLimited("The feed's server asks us to slow down (429)", null);
    }
    if (status >= 500) {
      throw new ProviderException.Unavailable("The feed's server failed with " + status);
    }
    if (status != 200) {
      throw new ProviderException.Rejected("The feed answered " + status + " instead of a calendar");
    }
  }

  private static String body(HttpResponse<InputStream> response) throws ProviderException {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new ProviderException.Rejected("The feed is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProviderException.Unavailable("The feed broke off while loading");
    }
  }

  // A pasted URL must not become a way to read the cluster's own network.
  private void refusePrivateAddress() throws ProviderException {
    if (allowPrivateAddresses) {
      return;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()) {
          throw new ProviderException.Rejected("The feed's address is on a private network");
        }
      }
    } catch (java.net.UnknownHostException e) {
      throw new ProviderException.Unavailable("The feed's host name does not resolve");
    }
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
