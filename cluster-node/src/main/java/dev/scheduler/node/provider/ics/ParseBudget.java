package dev.scheduler.node.provider.ics;

import java.util.concurrent.Semaphore;

/**
 * How many feed bytes the node parses at once. Parsing holds the text and its components, about
 * seven times the feed's size (a 10 MiB feed of small events: 64 MB of components), so eight
 * concurrent reads of large feeds could take more heap than a small node has. Each parse takes
 * its size in MiB (at least one) from the budget and waits, on its feed-read thread, until they
 * are free; a feed larger than the whole budget takes all of it.
 */
public final class ParseBudget {
  private static final long MIB = 1024 * 1024;

  private final Semaphore mebibytes;
  private final int total;

  public ParseBudget(long bytes) {
    this.total = (int) Math.max(1, bytes / MIB);
    // Not fair: a small feed goes ahead of a large one waiting for room, rather than queue behind it.
    this.mebibytes = new Semaphore(total);
  }

  public interface Parse<T, E extends Exception> {
    T run() throws E;
  }

  public <T, E extends Exception> T parse(long size, Parse<T, E> parse) throws E, InterruptedException {
    int needed = (int) Math.min(total, Math.max(1, (size + MIB - 1) / MIB));
    mebibytes.acquire(needed);
    try {
      return parse.run();
    } finally {
      mebibytes.release(needed);
    }
  }

  int available() {
    return mebibytes.availablePermits();
  }
}
