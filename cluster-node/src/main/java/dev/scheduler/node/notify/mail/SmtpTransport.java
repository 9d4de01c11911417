package dev.scheduler.node.notify.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Sends through the configured SMTP server with Angus Mail, one connection per message (bookings
 * are rare enough that a pool would only add failure modes). Connect, read and write have
 * timeouts, so a server that stops answering yields RETRY instead of a stuck caller.
 */
public final class SmtpTransport implements MailTransport {
  private final SmtpSettings settings;
  private final Session session;

  public SmtpTransport(SmtpSettings settings) {
    this.settings = settings;
    this.session = Session.getInstance(properties(settings));
  }

  @Override
  public DeliveryOutcome deliver(MimeMessage message) {
    Transport transport = null;
    try {
      transport = session.getTransport("smtp");
      transport.connect(settings.host(), settings.port(),
          settings.authenticates() ? settings.user() : null,
          settings.authenticates() ? settings.password() : null);
      transport.sendMessage(message, message.getAllRecipients());
      return DeliveryOutcome.sent("accepted by " + settings.host() + ":" + settings.port());
    } catch (MessagingException e) {
      return SmtpFailures.classify(e);
    } finally {
      closeQuietly(transport);
    }
  }

  /** Once the server has accepted the message, a failing QUIT must not make it look unsent. */
  private static void closeQuietly(Transport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // The message is already accepted or already failed; the connection is gone either way.
    }
  }

  static Properties properties(SmtpSettings s) {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", s.host());
    p.setProperty("mail.smtp.port", Integer.toString(s.port()));
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
    p.setProperty("mail.smtp.writetimeout", Long.toString(s.writeTimeout().toMillis()));
    p.setProperty("mail.smtp.auth", Boolean.toString(s.authenticates()));
    switch (s.security()) {
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.setProperty("mail.smtp.ssl.enable", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> { }
    }
    return p;
  }
}
