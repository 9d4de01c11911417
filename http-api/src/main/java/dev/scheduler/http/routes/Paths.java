package dev.scheduler.http.routes;

import org.apache.pekko.http.javadsl.server.PathMatcher0;
import org.apache.pekko.http.javadsl.server.PathMatchers;

/** Paths that other systems are told about (OAuth redirect, push address), in one place. */
public final class Paths {
  private Paths() {}

  public static final String GOOGLE_CALLBACK_PATH = "/oauth/google/callback";
  public static final String GOOGLE_WEBHOOK_PATH = "/webhooks/google";

  static final PathMatcher0 GOOGLE_CALLBACK = PathMatchers.segment("oauth").slash("google").slash("callback");
  static final PathMatcher0 GOOGLE_WEBHOOK = PathMatchers.segment("webhooks").slash("google");
}
