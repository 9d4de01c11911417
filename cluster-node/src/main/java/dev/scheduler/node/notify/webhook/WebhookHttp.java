package dev.scheduler.node.notify.webhook;

import dev.scheduler.node.provider.ics.fetch.AddressPolicy;
import dev.scheduler.node.provider.ics.fetch.FeedFailure;
import dev.scheduler.node.provider.ics.fetch.FeedFetcher;
import dev.scheduler.node.provider.ics.fetch.PinnedAddresses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * One webhook POST, over a socket opened to an address checked against the {@link AddressPolicy}
 * at this very attempt (the name is resolved once, here: DNS may have changed since the
 * subscription was made). Redirects are not followed: a 3xx is an answer like any other non-2xx.
 * Only the status line of the answer is read; its headers and body are ignored.
 *
 * <p>Why not java.net.http: it resolves the name again itself, so what it connects to would not be
 * what was checked (see docs/security.md, part 4.3, for the feed reader that does the same).
 */
final class WebhookHttp {
  private static final int MAX_STATUS_LINE = 8192;

  /** What an attempt came to: an HTTP status, or an error when there was none. */
  record Answer(Integer status, String error, long latencyMs) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }

    String describe() {
      return status != null ? "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "")
          : error;
    }
  }

  private final AddressPolicy policy;
  private final Duration timeout;
  private final FeedFetcher.Resolver resolver;

  WebhookHttp(AddressPolicy policy, Duration timeout, FeedFetcher.Resolver resolver) {
    this.policy = policy;
    this.timeout = timeout;
    this.resolver = resolver;
  }

  Answer post(URI url, Map<String, String> headers, String body) {
    long started = System.nanoTime();
    try {
      return new Answer(exchange(url, headers, body), null, millisSince(started));
    } catch (FeedFailure e) {
      String error = switch (e.category()) {
        case REFUSED_ADDRESS -> "address not allowed (not a public internet address)";
        case NOT_RESOLVED -> "host name does not resolve";
        default -> e.getMessage();
      };
      return new Answer(null, error, millisSince(started));
    } catch (SocketTimeoutException e) {
      return new Answer(null, "timeout after " + timeout.toMillis() + " ms", millisSince(started));
    } catch (SSLException e) {
      return new Answer(null, "TLS failed: " + e.getMessage(), millisSince(started));
    } catch (IOException e) {
      return new Answer(null, "connection failed: " + e.getMessage(), millisSince(started));
    }
  }

  private int exchange(URI url, Map<String, String> headers, String body) throws FeedFailure, IOException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IOException("not an http(s) URL");
    }
    String host = url.getHost().replaceAll("^\\[|]$", "");
    int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    InetAddress[] addresses = PinnedAddresses.resolveChecked(resolver, policy, host, port);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket plain = connect(addresses, port)) {
      Socket socket = scheme.equals("https") ? PinnedAddresses.tls(plain, host, port) : plain;
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      OutputStream out = socket.getOutputStream();
      out.write(request(url, headers, body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      return status(statusLine(socket, deadline));
    }
  }

  private Socket connect(InetAddress[] addresses, int port) throws IOException {
    IOException last = new IOException("no address");
    for (InetAddress address : addresses) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
        return socket;
      } catch (IOException e) {
        socket.close();
        last = e;
      }
    }
    throw last;
  }

  private static String request(URI url, Map<String, String> headers, String body) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    StringBuilder request = new StringBuilder()
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(url.getHost()).append(url.getPort() >= 0 ? ":" + url.getPort() : "").append("\r\n")
        .append("User-Agent: scheduler-webhooks/1\r\n")
        .append("Content-Type: application/json; charset=utf-8\r\n")
        .append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
        .append("Connection: close\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    return request.append("\r\n").append(body).toString();
  }

  // Reads up to the end of the status line, within the request's deadline.
  private String statusLine(Socket socket, long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (line.size() < MAX_STATUS_LINE) {
      long remaining = (deadline - System.nanoTime()) / 1_000_000;
      if (remaining <= 0) {
        throw new SocketTimeoutException("deadline");
      }
      socket.setSoTimeout((int) Math.max(1, remaining));
      int b = in.read();
      if (b < 0 || b == '\n') {
        break;
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.ISO_8859_1).trim();
  }

  private static int status(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[0-9]{3}")) {
      throw new IOException("not an HTTP answer");
    }
    return Integer.parseInt(parts[1]);
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
