package dev.scheduler.node.provider;

import dev.scheduler.protocol.model.Interval;
import java.util.Locale;
import java.util.UUID;

/**
 * What a booking looks like in the host's external calendar. {@code key} is derived from the
 * booking id alone, so every retry of the same write names the same event.
 */
public record BookingEvent(String key, String summary, String description, Interval time, String inviteeEmail) {

  /**
   * Google event ids are base32hex ({@code [a-v0-9]}, 5-1024 characters); a dashless lowercase
   * UUID qualifies. The name-based UUID of the booking id is stable across nodes and retries.
   */
  public static String keyFor(String hostId, String bookingId) {
    return UUID.nameUUIDFromBytes(("booking:" + hostId + ":" + bookingId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString().replace("-", "").toLowerCase(Locale.ROOT);
  }
}
