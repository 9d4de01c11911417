package dev.scheduler.node;

import com.typesafe.config.Config;
import dev.scheduler.http.routes.Paths;
import dev.scheduler.node.provider.RequestBudget;
import dev.scheduler.node.provider.google.GoogleOAuth;
import dev.scheduler.node.provider.google.GoogleSettings;
import dev.scheduler.node.provider.google.GoogleTokens;
import dev.scheduler.node.provider.google.OAuthState;
import dev.scheduler.node.provider.google.PushChannels;
import dev.scheduler.node.provider.ics.IcsSettings;
import dev.scheduler.node.config.KeyDerivation;
import dev.scheduler.node.config.NodeSecrets;
import dev.scheduler.node.config.SecretBox;
import dev.scheduler.node.connection.CalendarConnectionEntity;
import dev.scheduler.node.connection.ConnectionRuntime;
import dev.scheduler.node.connection.ConnectionWorkflows;
import dev.scheduler.node.connection.ProviderSources;
import dev.scheduler.node.connection.SourceFactory;
import dev.scheduler.node.connection.SyncSettings;
import dev.scheduler.node.connection.WriteBackOutbox;
import dev.scheduler.node.metrics.NodeMetrics;
import dev.scheduler.node.metrics.SyncMetrics;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.connection.CalendarConnections;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/** Assembles the calendar integrations of a node: connection entities, their sources, OAuth. */
final class ConnectionAssembly {
  private ConnectionAssembly() {}

  /**
   * Starts the connection entities and returns the workflows the routes call.
   *
   * @param sourcesOverride provider clients to use instead of the real ones (tests), or null
   */
  static CalendarConnections start(ActorSystem<?> system, Config config, NodeSecrets secrets, EntityClient entities,
      Clock clock, SourceFactory sourcesOverride) {
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("scheduler-sync-blocking-dispatcher"));
    GoogleSettings google = GoogleSettings.from(config);
    GoogleTokens tokens = new GoogleTokens(new SecretBox(secrets.secretKey()));
    Executor feedReads = system.dispatchers().lookup(DispatcherSelector.fromConfig("scheduler-ics-feed-dispatcher"));
    SourceFactory sources = sourcesOverride != null ? sourcesOverride : new ProviderSources(google, tokens,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), IcsSettings.from(config), clock);
    String publicUrl = config.getString("scheduler.public-url").replaceAll("/+$", "");
    SyncSettings syncSettings = SyncSettings.from(config);
    PushChannels channels = new PushChannels(KeyDerivation.derive(secrets.secretKey(), KeyDerivation.PUSH_CHANNELS));
    Optional<String> pushAddress = config.getBoolean("scheduler.google.push")
        ? Optional.of(publicUrl + Paths.GOOGLE_WEBHOOK_PATH) : Optional.empty();
    CalendarConnectionEntity.init(system,
        new ConnectionRuntime(sources, syncSettings, blocking, feedReads, clock, channels, pushAddress,
            new RequestBudget(clock, syncSettings.nodeBurst(), syncSettings.nodePerMinute()), entities,
            WriteBackOutbox.start(system, clock), new SyncMetrics(NodeMetrics.get(system).registry(), clock)));
    GoogleOAuth oauth = new GoogleOAuth(google, publicUrl + Paths.GOOGLE_CALLBACK_PATH,
        new OAuthState(KeyDerivation.derive(secrets.secretKey(), KeyDerivation.OAUTH_STATE)), blocking, clock);
    return new ConnectionWorkflows(entities, oauth, tokens, channels);
  }
}
