package dev.scheduler.node.notify.mail;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the node reaches its SMTP server. {@code port} 0 means the usual port of the security.
 * The password is never shown: {@link #toString()} leaves it out.
 */
public record SmtpSettings(
    String host,
    int port,
    String user,
    String password,
    Security security,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout) {

  /** {@code starttls} is required once chosen: the node never falls back to sending in the clear. */
  public enum Security {
    NONE(25),
    STARTTLS(587),
    TLS(465);

    private final int usualPort;

    Security(int usualPort) {
      this.usualPort = usualPort;
    }

    public static Security parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "SCHEDULER_SMTP_SECURITY must be none, starttls or tls, not \"" + text + "\"", e);
      }
    }
  }

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("SCHEDULER_SMTP_PORT must be between 1 and 65535 (or 0 for the usual port)");
    }
    port = port == 0 ? security.usualPort : port;
  }

  public boolean authenticates() {
    return !user.isEmpty();
  }

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", security=" + security.name().toLowerCase(Locale.ROOT)
        + ", user=" + (user.isEmpty() ? "(none)" : user) + ", password=" + (password.isEmpty() ? "(none)" : "(set)")
        + "]";
  }
}
