package dev.scheduler.node.notify.webhook;

import dev.scheduler.protocol.calendar.RejectionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a subscription request must be before anything is stored or resolved. Pure. */
final class WebhookTarget {
  static final int MAX_URL = 2048;

  private WebhookTarget() {}

  /** An absolute http(s) URL without user info or fragment, or a 400. */
  static URI url(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_URL) {
      throw RejectionException.invalid("url is required: the http(s) address that receives the events, at most "
          + MAX_URL + " characters.");
    }
    if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw RejectionException.invalid("url must be printable ASCII without spaces (percent-encode the rest).");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw RejectionException.invalid("url is not a valid address.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw RejectionException.invalid("url must be an absolute http:// or https:// address with a host name.");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw RejectionException.invalid("url must not hold a user name, password or #fragment.");
    }
    return uri;
  }

  /** The known event types asked for, each once, or a 400. */
  static List<WebhookEventType> events(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw RejectionException.invalid("events is required: one or more of " + known() + ".");
    }
    List<WebhookEventType> events = new ArrayList<>();
    for (String name : names) {
      WebhookEventType type = WebhookEventType.ofWireName(name).orElseThrow(() -> RejectionException.invalid(
          "Unknown event '" + (name == null ? "null" : name.length() > 40 ? name.substring(0, 40) + "..." : name)
              + "': events are " + known() + "."));
      if (!events.contains(type)) {
        events.add(type);
      }
    }
    return events;
  }

  private static String known() {
    return String.join(", ", java.util.Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName)
        .toList());
  }
}
