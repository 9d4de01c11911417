package dev.scheduler.node.provider.ics.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input where every read waits at most until the whole read's deadline: a server that
 * sends one byte every few seconds is cut off at the deadline, not at a per-read timeout it keeps
 * resetting. Reads in blocks of the caller's buffer, through a small buffer of its own for lines.
 */
final class DeadlineInput {
  private final Socket socket;
  private final InputStream in;
  private final long deadlineNanos;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

  DeadlineInput(Socket socket, InputStream in, long deadlineNanos) {
    this.socket = socket;
    this.in = in;
    this.deadlineNanos = deadlineNanos;
  }

  /** The next byte, or -1 at the end of the stream. */
  int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  /** Up to {@code length} bytes into {@code target}, or -1 at the end of the stream. */
  int read(byte[] target, int offset, int length) throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    int count = Math.min(length, limit - position);
    System.arraycopy(buffer, position, target, offset, count);
    position += count;
    return count;
  }

  /** A line without its CRLF (or LF), at most {@code maxLength} bytes; null at the end of the stream. */
  String line(int maxLength) throws IOException {
    StringBuilder line = new StringBuilder();
    int next = read();
    if (next < 0) {
      return null;
    }
    while (next >= 0 && next != '\n') {
      if (line.length() >= maxLength) {
        throw new IOException("line too long");
      }
      line.append((char) next);
      next = read();
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  private boolean fill() throws IOException {
    long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0) {
      throw new SocketTimeoutException("the feed's deadline passed");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
    int count = in.read(buffer, 0, buffer.length);
    if (count < 0) {
      return false;
    }
    position = 0;
    limit = count;
    return true;
  }
}
