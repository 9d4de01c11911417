package dev.scheduler.node.provider;

import java.time.Instant;

/**
 * Push notifications of changes, where the provider has them: Google's events.watch channels,
 * Microsoft Graph's subscriptions. Neither is fully reliable, so polling goes on beside them.
 */
public interface ChangeNotifications {

  /** Opens a channel that posts to {@code address}; {@code token} comes back in every notification. */
  WatchChannel watch(String calendarId, String channelId, String address, String token, Instant expiry)
      throws ProviderException;

  void stop(WatchChannel channel) throws ProviderException;

  record WatchChannel(String channelId, String resourceId, Instant expiry) {}
}
