package dev.scheduler.node.provider.ics.fetch;

import dev.scheduler.node.provider.ics.fetch.FeedFailure.Category;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a feed over HTTP(S) so that it can only reach public addresses. For each URL (the pasted
 * one and every redirect, followed by hand up to a limit) the host name is resolved once, every
 * address it resolves to is checked against the {@link AddressPolicy}, and the socket is opened to
 * that checked address: there is no second lookup a rebinding DNS server could answer differently.
 * TLS runs over that socket with the URL's host name for SNI and certificate checking.
 *
 * <p>Why not java.net.http: it resolves names itself (Java 17 has no resolver hook), so what it
 * connects to is not what we checked; pointing it at the IP instead breaks SNI and certificate
 * checks for https. HttpURLConnection has the same lookup. A socket of our own costs a small
 * HTTP/1.1 reader (status, headers, Content-Length, chunked), and gives the whole-read deadline
 * and cancellation (closing the socket) for free.
 */
public final class FeedFetcher {

  /** Name lookup; tests substitute one. */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final FeedLimits limits;
  private final AddressPolicy policy;
  private final Resolver resolver;

  public FeedFetcher(FeedLimits limits, AddressPolicy policy) {
    this(limits, policy, InetAddress::getAllByName);
  }

  public FeedFetcher(FeedLimits limits, AddressPolicy policy, Resolver resolver) {
    this.limits = limits;
    this.policy = policy;
    this.resolver = resolver;
  }

  public FeedLimits limits() {
    return limits;
  }

  /** GETs the feed, following redirects; answers the first response that is not a redirect. */
  public FeedResponse get(URI url, Map<String, String> headers, FeedRead read) throws FeedFailure {
    long deadline = System.nanoTime() + limits.deadline().toNanos();
    URI current = url;
    for (int hop = 0; ; hop++) {
      FeedResponse response = exchange(current, headers, read, deadline);
      if (!isRedirect(response.status())) {
        return response;
      }
      if (hop >= limits.maxRedirects()) {
        throw new FeedFailure(Category.TOO_MANY_REDIRECTS);
      }
      String location = response.header("location").orElseThrow(() -> new FeedFailure(Category.BAD_RESPONSE));
      try {
        current = current.resolve(location.strip());
      } catch (IllegalArgumentException e) {
        throw new FeedFailure(Category.BAD_URL);
      }
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private FeedResponse exchange(URI url, Map<String, String> headers, FeedRead read, long deadline)
      throws FeedFailure {
    read.checkNotCancelled();
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new FeedFailure(Category.BAD_URL);
    }
    String host = url.getHost().replaceAll("^\\[|]$", "");
    int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    InetAddress[] addresses = checked(host, port);
    Socket socket = connect(addresses, port, deadline, read);
    try {
      Socket channel = scheme.equals("https") ? tls(socket, host, port) : socket;
      return HttpExchange.get(channel, url, headers, deadline, limits.maxBytes());
    } catch (SocketTimeoutException e) {
      throw new FeedFailure(Category.TIMEOUT);
    } catch (IOException e) {
      read.checkNotCancelled();
      throw new FeedFailure(remaining(deadline) <= 0 ? Category.TIMEOUT : Category.CONNECTION_FAILED);
    } finally {
      read.detach(socket);
    }
  }

  private InetAddress[] checked(String host, int port) throws FeedFailure {
    return PinnedAddresses.resolveChecked(resolver, policy, host, port);
  }

  private Socket connect(InetAddress[] addresses, int port, long deadline, FeedRead read) throws FeedFailure {
    for (InetAddress address : addresses) {
      long remaining = remaining(deadline);
      if (remaining <= 0) {
        throw new FeedFailure(Category.TIMEOUT);
      }
      Socket socket = new Socket();
      read.attach(socket);
      try {
        socket.connect(new InetSocketAddress(address, port),
            (int) Math.max(1, Math.min(remaining, limits.connectTimeout().toMillis())));
        return socket;
      } catch (IOException e) {
        read.detach(socket);
        read.checkNotCancelled();
      }
    }
    throw new FeedFailure(remaining(deadline) <= 0 ? Category.TIMEOUT : Category.CONNECTION_FAILED);
  }

  private static Socket tls(Socket plain, String host, int port) throws IOException {
    return PinnedAddresses.tls(plain, host, port);
  }

  private static long remaining(long deadline) {
    return (deadline - System.nanoTime()) / 1_000_000;
  }
}
