package dev.scheduler.http;

import com.typesafe.config.Config;

/**
 * What keeps one tenant's load from taking another's answers (issue 11): how many requests may wait
 * for one host's calendar at once, and how fast one client address may call anonymous routes.
 *
 * @param maxWaitingPerHost API requests for one host id in progress at once on this node; more get
 *     503 host_busy at once
 * @param anonymousPerSecond anonymous requests one client address may make per second, sustained
 * @param anonymousBurst anonymous requests one client address may make at once after a quiet spell
 * @param maxTrackedAddresses client addresses whose buckets are kept; past it the least recently
 *     seen is forgotten
 * @param exemptLoopback whether requests from 127.0.0.0/8 and ::1 skip the anonymous rate limit
 */
public record IsolationSettings(int maxWaitingPerHost, double anonymousPerSecond, int anonymousBurst,
    int maxTrackedAddresses, boolean exemptLoopback) {

  /** The defaults of {@code http.conf}, for route tests and tools that build routes without config. */
  public static final IsolationSettings DEFAULTS = new IsolationSettings(64, 20, 100, 100_000, true);

  public IsolationSettings {
    if (maxWaitingPerHost < 1 || anonymousBurst < 1 || maxTrackedAddresses < 1 || !(anonymousPerSecond > 0)) {
      throw new IllegalArgumentException("isolation limits must be positive: " + maxWaitingPerHost + ", "
          + anonymousPerSecond + "/s, burst " + anonymousBurst + ", " + maxTrackedAddresses + " addresses");
    }
  }

  /** From the {@code scheduler.http} section (see http.conf). */
  public static IsolationSettings from(Config config) {
    Config http = config.getConfig("scheduler.http");
    Config anonymous = http.getConfig("anonymous-rate-limit");
    return new IsolationSettings(
        http.getInt("max-waiting-per-host"),
        anonymous.getDouble("per-second"),
        anonymous.getInt("burst"),
        anonymous.getInt("max-addresses"),
        anonymous.getBoolean("exempt-loopback"));
  }
}
