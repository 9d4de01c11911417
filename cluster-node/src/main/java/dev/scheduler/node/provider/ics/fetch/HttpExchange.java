package dev.scheduler.node.provider.ics.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET over a socket already connected to a checked address: the request names the
 * feed's host (Host header; TLS has already been set up with its name), the answer is read within
 * the deadline and the size cap. No compression is asked for, so the cap counts real bytes.
 */
final class HttpExchange {
  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADERS = 100;

  private HttpExchange() {}

  static FeedResponse get(Socket socket, URI url, Map<String, String> headers, long deadlineNanos, long maxBytes)
      throws IOException, FeedFailure {
    socket.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
    OutputStream out = socket.getOutputStream();
    out.write(request(url, headers).getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    DeadlineInput in = new DeadlineInput(socket, socket.getInputStream(), deadlineNanos);
    int status = status(in.line(MAX_LINE));
    Map<String, String> received = headers(in);
    if (status != 200) {
      return new FeedResponse(status, received, new byte[0]);
    }
    return new FeedResponse(status, received, body(in, received, maxBytes));
  }

  private static String request(URI url, Map<String, String> headers) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(url.getRawAuthority().replaceFirst("^.*@", "")).append("\r\n")
        .append("User-Agent: scheduler-ics-reader\r\n")
        .append("Accept: text/calendar, */*;q=0.5\r\n")
        .append("Accept-Encoding: identity\r\n")
        .append("Connection: close\r\n");
    // Values come from the feed's own earlier answer (ETag, Last-Modified): no line breaks pass.
    headers.forEach((name, value) -> request.append(name).append(": ")
        .append(value.replaceAll("[\\r\\n]", "")).append("\r\n"));
    return request.append("\r\n").toString();
  }

  private static int status(String line) throws FeedFailure {
    if (line == null || !line.startsWith("HTTP/1.") || line.length() < 12) {
      throw new FeedFailure(FeedFailure.Category.BAD_RESPONSE);
    }
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new FeedFailure(FeedFailure.Category.BAD_RESPONSE);
    }
  }

  private static Map<String, String> headers(DeadlineInput in) throws IOException, FeedFailure {
    Map<String, String> headers = new HashMap<>();
    for (int count = 0; count <= MAX_HEADERS; count++) {
      String line = in.line(MAX_LINE);
      if (line == null) {
        throw new FeedFailure(FeedFailure.Category.BAD_RESPONSE);
      }
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
    }
    throw new FeedFailure(FeedFailure.Category.BAD_RESPONSE);
  }

  private static byte[] body(DeadlineInput in, Map<String, String> headers, long maxBytes)
      throws IOException, FeedFailure {
    String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
    if (encoding.contains("chunked")) {
      return chunked(in, maxBytes);
    }
    String length = headers.get("content-length");
    long declared = length == null ? -1 : parseLength(length);
    if (declared > maxBytes) {
      throw new FeedFailure(FeedFailure.Category.TOO_LARGE);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    copy(in, body, declared < 0 ? maxBytes + 1 : declared, maxBytes);
    return body.toByteArray();
  }

  private static byte[] chunked(DeadlineInput in, long maxBytes) throws IOException, FeedFailure {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = in.line(MAX_LINE);
      if (sizeLine == null) {
        throw new FeedFailure(FeedFailure.Category.BAD_RESPONSE);
      }
      long size;
      try {
        size = Long.parseLong(sizeLine.split(";", 2)[0].strip(), 16);
      } catch (NumberFormatException e) {
        throw new FeedFailure(FeedFailure.Category.BAD_RESPONSE);
      }
      if (size == 0) {
        return body.toByteArray();
      }
      if (size < 0 || body.size() + size > maxBytes) {
        throw new FeedFailure(FeedFailure.Category.TOO_LARGE);
      }
      copy(in, body, size, maxBytes);
      in.line(MAX_LINE); // the CRLF after the chunk
    }
  }

  /** Copies {@code count} bytes (or up to the end of the stream), refusing more than {@code maxBytes} in all. */
  private static void copy(DeadlineInput in, ByteArrayOutputStream body, long count, long maxBytes)
      throws IOException, FeedFailure {
    byte[] block = new byte[8192];
    long left = count;
    while (left > 0) {
      int read = in.read(block, 0, (int) Math.min(block.length, left));
      if (read < 0) {
        return;
      }
      body.write(block, 0, read);
      left -= read;
      if (body.size() > maxBytes) {
        throw new FeedFailure(FeedFailure.Category.TOO_LARGE);
      }
    }
  }

  private static long parseLength(String value) throws FeedFailure {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new FeedFailure(FeedFailure.Category.BAD_RESPONSE);
    }
  }
}
