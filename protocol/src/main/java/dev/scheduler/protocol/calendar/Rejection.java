package dev.scheduler.protocol.calendar;

import java.util.Objects;

/**
 * A refusal by the host entity. It travels inside {@code StatusReply.error(String)}, whose only
 * payload that crosses nodes is a text, so it is written as {@code CODE|message} and read back here.
 */
public record Rejection(RejectionCode code, String message) {
  private static final char SEPARATOR = '|';

  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Rejection of(RejectionCode code, String message) {
    return new Rejection(code, message);
  }

  public String toStatusText() {
    return code.name() + SEPARATOR + message;
  }

  /** Reads a text written by {@link #toStatusText()}; anything else is not a rejection of ours. */
  public static java.util.Optional<Rejection> fromStatusText(String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    int split = text.indexOf(SEPARATOR);
    if (split <= 0) {
      return java.util.Optional.empty();
    }
    try {
      RejectionCode code = RejectionCode.valueOf(text.substring(0, split));
      return java.util.Optional.of(new Rejection(code, text.substring(split + 1)));
    } catch (IllegalArgumentException notOurs) {
      return java.util.Optional.empty();
    }
  }
}
