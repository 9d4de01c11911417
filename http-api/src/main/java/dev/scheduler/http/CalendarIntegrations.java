package dev.scheduler.http;

import dev.scheduler.protocol.connection.ConnectionView;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What the calendar routes need from the node beyond its entities: OAuth with Google, push channels. */
public interface CalendarIntegrations {

  /** The consent URL for connecting a host's Google calendar: signed, expiring state and PKCE. */
  Optional<String> googleAuthorizationUrl(String hostId);

  /** Finishes the OAuth flow: checks the state, exchanges the code, connects the calendar. */
  CompletionStage<ConnectionView> completeGoogleConnection(String code, String state);

  /** The connection a push notification is for, when its channel id and token are ours and match. */
  Optional<String> connectionOfChannel(String channelId, String channelToken);
}
