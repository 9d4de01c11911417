package dev.scheduler.node.notify.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for the read side that follows bookings: compose one notice's message and hand
 * it to the transport, answering what the caller should do next. It keeps no state and does not
 * retry by itself; retrying with backoff and recording the outcome is the caller's (the outbox
 * dispatcher, {@code notify.delivery}).
 */
public final class BookingMailer {
  private static final Logger LOG = LoggerFactory.getLogger(BookingMailer.class);

  private final MessageComposer composer;
  private final MailTransport transport;

  public BookingMailer(MessageComposer composer, MailTransport transport) {
    this.composer = composer;
    this.transport = transport;
  }

  /** SMTP when a host is configured, the outbox otherwise. */
  public static BookingMailer create(MailSettings settings, Clock clock) {
    MailTransport transport = settings.smtp().<MailTransport>map(SmtpTransport::new)
        .orElseGet(() -> new OutboxTransport(settings.outbox()));
    return new BookingMailer(new MessageComposer(settings.from(), settings.publicHost(), clock), transport);
  }

  public DeliveryOutcome send(BookingNotice notice) {
    MimeMessage message;
    try {
      message = composer.compose(notice);
    } catch (MessagingException | IllegalArgumentException | IllegalStateException e) {
      // Composing again gives the same result: an address that is no address stays so.
      DeliveryOutcome outcome = DeliveryOutcome.permanent("cannot compose the message: " + e.getMessage());
      LOG.warn("Booking {} {} mail to the {} not sent: {}", notice.bookingId(), notice.kind(), notice.recipient(),
          outcome.reason());
      return outcome;
    }
    DeliveryOutcome outcome = transport.deliver(message);
    if (outcome.status() != DeliveryOutcome.Status.SENT) {
      LOG.warn("Booking {} {} mail to the {} ({}): {} {}", notice.bookingId(), notice.kind(), notice.recipient(),
          composer.messageId(notice), outcome.status(), outcome.reason());
    }
    return outcome;
  }
}
