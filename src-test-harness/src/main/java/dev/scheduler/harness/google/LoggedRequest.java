package dev.scheduler.harness.google;

import java.time.Instant;

/**
 * One request the fake answered. method is what the client meant (PATCH for a tunnelled PATCH),
 * wireMethod what it sent; path is decoded, query raw.
 */
public record LoggedRequest(String method, String wireMethod, String path, String query,
    int status, Instant at) {}
