package dev.scheduler.http.edge;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Deadlines and caps of the HTTP edge that pekko-http does not offer (issue 11): how long a client
 * may take to send a request's head and its body, and how many connections one address may hold.
 *
 * @param headerTimeout from a connection's opening (first request) or a request's first byte (the
 *     next ones on a kept-alive connection) until its head is complete
 * @param bodyTimeout from a request's head until the last byte of its body
 * @param maxConnectionsPerClient open connections from one client address; more are closed at once
 */
public record EdgeSettings(Duration headerTimeout, Duration bodyTimeout, int maxConnectionsPerClient) {

  public static EdgeSettings from(Config config) {
    Config http = config.getConfig("scheduler.http");
    return new EdgeSettings(http.getDuration("header-timeout"), http.getDuration("body-timeout"),
        http.getInt("max-connections-per-client"));
  }
}
