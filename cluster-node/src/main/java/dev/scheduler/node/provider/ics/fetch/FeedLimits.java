package dev.scheduler.node.provider.ics.fetch;

import java.time.Duration;

/**
 * Bounds of one feed read.
 *
 * @param deadline the whole read: name lookup, connecting, TLS, headers and body, over every redirect
 * @param connectTimeout one connection attempt, within the deadline
 * @param maxBytes the body, after chunked decoding (no compression is asked for)
 * @param maxRedirects redirects followed, each checked like the first URL
 */
public record FeedLimits(Duration deadline, Duration connectTimeout, long maxBytes, int maxRedirects) {}
