package dev.scheduler.node.notify.delivery;

import dev.scheduler.node.notify.mail.BookingMailer;
import dev.scheduler.node.notify.mail.BookingNotice;
import dev.scheduler.node.notify.mail.BookingNotices;
import dev.scheduler.node.notify.mail.DeliveryOutcome;
import dev.scheduler.node.notify.mail.NoticeKind;
import dev.scheduler.node.notify.mail.Recipient;
import dev.scheduler.node.notify.outbox.OutboxMessage;
import dev.scheduler.node.notify.outbox.OutboxSender;
import dev.scheduler.node.notify.outbox.SendOutcome;
import java.net.URI;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The mail channel of the outbox: turns a row back into a notice, adds the invitee's manage link
 * (made now from the booking token, which the table never holds) and sends it.
 */
final class BookingMailSender implements OutboxSender {
  private final BookingMailer mailer;
  private final String publicUrl;
  private final BiFunction<String, String, String> bookingToken;

  /** @param bookingToken (host id, booking id) to the booking's token; never a host's API token */
  BookingMailSender(BookingMailer mailer, String publicUrl, BiFunction<String, String, String> bookingToken) {
    this.mailer = mailer;
    this.publicUrl = publicUrl;
    this.bookingToken = bookingToken;
  }

  @Override
  public SendOutcome send(OutboxMessage message) {
    BookingNotice notice;
    try {
      notice = notice(message);
    } catch (IllegalArgumentException e) {
      return new SendOutcome(SendOutcome.Status.PERMANENT, "cannot read the outbox row: " + e.getMessage());
    }
    DeliveryOutcome outcome = mailer.send(notice);
    return new SendOutcome(SendOutcome.Status.valueOf(outcome.status().name()), outcome.reason());
  }

  private BookingNotice notice(OutboxMessage message) {
    MailPayload p = MailPayload.fromJson(message.payload());
    Recipient recipient = Recipient.valueOf(message.audience().toUpperCase(Locale.ROOT));
    // The host's copy never shows the manage link: it carries the invitee's token.
    URI link = recipient == Recipient.INVITEE
        ? BookingNotices.manageLink(publicUrl, p.bookingId(), bookingToken.apply(message.hostId(), p.bookingId()))
        : URI.create(publicUrl);
    return new BookingNotice(NoticeKind.valueOf(message.kind()), p.bookingId(), p.sequence(),
        p.reminderBeforeMinutes(), p.eventTitle(),
        p.start(), p.end(), p.host(), p.invitee(), p.notes(), p.cancelReason(), link, recipient);
  }
}
