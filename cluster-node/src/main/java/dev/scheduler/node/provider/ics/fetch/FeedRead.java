package dev.scheduler.node.provider.ics.fetch;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cancellation handle of a feed's reads: closing the socket in use from another thread ends a
 * blocked read at once, which is what frees a pool thread when its connection is removed. Once
 * cancelled, every later read fails before it connects.
 */
public final class FeedRead {
  private final AtomicReference<Socket> socket = new AtomicReference<>();
  private volatile boolean cancelled;

  public void cancel() {
    cancelled = true;
    closeQuietly(socket.get());
  }

  public boolean cancelled() {
    return cancelled;
  }

  void checkNotCancelled() throws FeedFailure {
    if (cancelled) {
      throw new FeedFailure(FeedFailure.Category.CANCELLED);
    }
  }

  void attach(Socket opened) throws FeedFailure {
    socket.set(opened);
    if (cancelled) {
      closeQuietly(opened);
      throw new FeedFailure(FeedFailure.Category.CANCELLED);
    }
  }

  void detach(Socket done) {
    socket.compareAndSet(done, null);
    closeQuietly(done);
  }

  private static void closeQuietly(Socket open) {
    if (open == null) {
      return;
    }
    try {
      open.close();
    } catch (IOException e) {
      // Closing is all we wanted; a socket that fails to close is gone anyway.
    }
  }
}
