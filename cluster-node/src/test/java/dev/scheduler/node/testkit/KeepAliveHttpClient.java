package dev.scheduler.node.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on one keep-alive connection that tells apart exactly what a stopping server
 * did with a request: answered it in full, refused the connection, closed it before sending a
 * single byte of an answer, or broke off in the middle of an answer. General-purpose clients blur
 * the last two, which is the difference between a clean stop and a broken one.
 */
public final class KeepAliveHttpClient implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 30_000;

  public enum Kind { ANSWERED, REFUSED, CLOSED_BEFORE_ANSWER, PARTIAL_ANSWER, TIMED_OUT }

  /** What became of one request; {@code status} and {@code body} only when answered. */
  public record Outcome(Kind kind, int status, String body, String detail) {
    static Outcome of(Kind kind, String detail) {
      return new Outcome(kind, 0, "", detail);
    }
  }

  private final int port;
  private Socket socket;

  public KeepAliveHttpClient(int port) {
    this.port = port;
  }

  public Outcome post(String path, String json, Map<String, String> headers) {
    if (socket == null) {
      try {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
      } catch (ConnectException e) {
        socket = null;
        return Outcome.of(Kind.REFUSED, e.getMessage());
      } catch (IOException e) {
        socket = null;
        return Outcome.of(Kind.CLOSED_BEFORE_ANSWER, "connect: " + e);
      }
    }
    try {
      send(path, json, headers);
    } catch (IOException e) {
      // The server closed this idle connection before the request went out: nothing was answered.
      close();
      return Outcome.of(Kind.CLOSED_BEFORE_ANSWER, "send: " + e);
    }
    return receive();
  }

  private void send(String path, String json, Map<String, String> headers) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private Outcome receive() {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      InputStream in = socket.getInputStream();
      String head = readHead(in, received);
      if (head == null) {
        close();
        return received.size() == 0 ? Outcome.of(Kind.CLOSED_BEFORE_ANSWER, "closed")
            : Outcome.of(Kind.PARTIAL_ANSWER, "head cut off: " + received);
      }
      int status = Integer.parseInt(head.substring(9, 12));
      int length = contentLength(head);
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        close();
        return Outcome.of(Kind.PARTIAL_ANSWER, "body cut off after " + body.length + " of " + length + " bytes");
      }
      if (head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
        close();
      }
      return new Outcome(Kind.ANSWERED, status, new String(body, StandardCharsets.UTF_8), head);
    } catch (SocketTimeoutException e) {
      close();
      return Outcome.of(Kind.TIMED_OUT, "no answer in " + TIMEOUT_MILLIS + " ms");
    } catch (IOException e) {
      close();
      return received.size() == 0 ? Outcome.of(Kind.CLOSED_BEFORE_ANSWER, e.toString())
          : Outcome.of(Kind.PARTIAL_ANSWER, e + " after: " + received);
    }
  }

  // The status line and headers, or null when the connection ended before they were complete.
  private static String readHead(InputStream in, ByteArrayOutputStream received) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while ((b = in.read()) != -1) {
      received.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        return received.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding")) {
      throw new IllegalStateException("the node answered with a chunked body, which this client does not read: " + head);
    }
    return 0;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection: nothing left to do
      }
      socket = null;
    }
  }
}
