package dev.scheduler.node.notify.mail;

import com.typesafe.config.Config;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code scheduler.mail} section (mail.conf), with the node's public URL for links, UIDs and
 * Message-IDs. With no SMTP host, messages go to {@code <data dir>/outbox/} as .eml files.
 */
public record MailSettings(Optional<SmtpSettings> smtp, InternetAddress from, String publicUrl, Path outbox) {

  public static MailSettings from(Config config, Path dataDir) {
    Config mail = config.getConfig("scheduler.mail");
    Config smtp = mail.getConfig("smtp");
    String host = smtp.getString("host").trim();
    Optional<SmtpSettings> server = host.isEmpty()
        ? Optional.empty()
        : Optional.of(new SmtpSettings(host, smtp.getInt("port"), smtp.getString("user").trim(),
            smtp.getString("password"), SmtpSettings.Security.parse(smtp.getString("security")),
            smtp.getDuration("connect-timeout"), smtp.getDuration("read-timeout"),
            smtp.getDuration("write-timeout")));
    return new MailSettings(server, parseFrom(mail.getString("from")),
        config.getString("scheduler.public-url").replaceAll("/+$", ""), dataDir.resolve("outbox"));
  }

  /** The host name of the public URL: the domain part of UIDs and Message-IDs. */
  public String publicHost() {
    String host = URI.create(publicUrl).getHost();
    return host == null || host.isEmpty() ? "localhost" : host;
  }

  private static InternetAddress parseFrom(String text) {
    try {
      InternetAddress address = new InternetAddress(text.trim(), true);
      address.validate();
      return address;
    } catch (AddressException e) {
      throw new IllegalArgumentException("SCHEDULER_MAIL_FROM is not a mail address: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "MailSettings[" + smtp.map(SmtpSettings::toString).orElse("outbox " + outbox) + ", from=" + from + "]";
  }
}
