package dev.scheduler.http;

import java.util.Objects;

/**
 * What the routes need from the node's configuration.
 *
 * @param adminToken the token that may create hosts and see the cluster
 * @param bookingTokenKey the key that signs booking tokens; the same on every node of a cluster
 * @param maxInFlight API requests in progress at once; more are answered 503 at once
 */
public record ApiSettings(String adminToken, byte[] bookingTokenKey, int maxInFlight) {
  public ApiSettings {
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(bookingTokenKey, "bookingTokenKey");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
    }
    if (bookingTokenKey.length < 32) {
      throw new IllegalArgumentException("the booking token key must have at least 256 bits");
    }
  }
}
