package dev.scheduler.node.provider.ics.fetch;

/**
 * Why a feed could not be read, by category only. The message is what the host sees: it never says
 * what an address answered beyond the class of an HTTP status, so that a feed URL cannot be used to
 * scan a network.
 */
public final class FeedFailure extends Exception {

  public enum Category {
    TIMEOUT("The feed did not load within the time allowed"),
    TOO_LARGE("The feed is larger than we read"),
    REFUSED_ADDRESS("The feed's address is not allowed (it is not a public internet address)"),
    CONNECTION_FAILED("The feed's server could not be reached"),
    NOT_RESOLVED("The feed's host name does not resolve"),
    TOO_MANY_REDIRECTS("The feed redirects too many times"),
    BAD_URL("The feed's address is not an http or https URL"),
    BAD_RESPONSE("The feed's server did not answer in HTTP"),
    CLIENT_ERROR("The feed's server answered with a client error (4xx)"),
    SERVER_ERROR("The feed's server answered with a server error (5xx)"),
    RATE_LIMITED("The feed's server asks us to slow down (429)"),
    UNEXPECTED_STATUS("The feed's server did not answer with a calendar (unexpected status)"),
    CANCELLED("Reading the feed was cancelled");

    private final String message;

    Category(String message) {
      this.message = message;
    }
  }

  private final Category category;

  public FeedFailure(Category category) {
    super(category.message, null, false, false);
    this.category = category;
  }

  public FeedFailure(Category category, String detail) {
    super(category.message + " (" + detail + ")", null, false, false);
    this.category = category;
  }

  public Category category() {
    return category;
  }

  /** The category of an HTTP status that is not a calendar. */
  public static Category ofStatus(int status) {
    if (status == 429) {
      return Category.RATE_LIMITED;
    }
    if (status >= 500 && status < 600) {
      return Category.SERVER_ERROR;
    }
    return status >= 400 && status < 500 ? Category.CLIENT_ERROR : Category.UNEXPECTED_STATUS;
  }
}
