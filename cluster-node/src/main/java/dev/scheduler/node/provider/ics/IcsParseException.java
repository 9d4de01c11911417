package dev.scheduler.node.provider.ics;

/**
 * The feed text is not a calendar we can read. The message is shown to the host as the feed's last
 * error (their busy time stays at the last good read), so it says what is wrong in their terms.
 */
public final class IcsParseException extends Exception {

  public IcsParseException(String message) {
    super(message);
  }

  public IcsParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
