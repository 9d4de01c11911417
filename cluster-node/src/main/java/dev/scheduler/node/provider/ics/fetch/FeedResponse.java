package dev.scheduler.node.provider.ics.fetch;

import java.util.Map;
import java.util.Optional;

/** A feed's answer: its status, headers (names in lower case, first value) and body, at most the size cap. */
public record FeedResponse(int status, Map<String, String> headers, byte[] body) {

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
