package dev.scheduler.node.notify.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;

/**
 * Composes the message for one notice, with no I/O: {@code multipart/mixed} holding a
 * {@code multipart/alternative} (plain text, HTML, and the {@code text/calendar} invitation that
 * calendar-aware clients act on) and the same invitation again as an {@code invite.ics} attachment
 * for clients that only offer attachments. The clock gives DTSTAMP and the Date header.
 */
public final class MessageComposer {
  static {
    MailStreams.nameAngusProvider();
  }

  /** A session with no settings: it only lets messages be built, never sends. */
  private static final Session OFFLINE = Session.getInstance(new Properties());

  private final InternetAddress from;
  private final String publicHost;
  private final Clock clock;

  /**
   * @param from the sender every message shows (the node's own address, not the host's: the
   *     node is not allowed to send as the host's domain); replies go to the other party
   * @param publicHost the host name of the node's public URL, used in UIDs and Message-IDs
   */
  public MessageComposer(InternetAddress from, String publicHost, Clock clock) {
    this.from = Objects.requireNonNull(from, "from");
    this.publicHost = Objects.requireNonNull(publicHost, "publicHost");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public MimeMessage compose(BookingNotice notice) throws MessagingException {
    Instant now = clock.instant();
    MailText text = NoticeText.of(notice);
    String calendar = InviteCalendar.text(notice, publicHost, now);
    MimeMessage message = new StableIdMessage(OFFLINE, MessageIds.of(notice, publicHost));
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, address(notice.to()));
    message.setReplyTo(new InternetAddress[] {address(notice.other())});
    message.setSubject(text.subject(), "UTF-8");
    message.setSentDate(Date.from(now));
    // RFC 3834: vacation responders and the like do not answer.
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setContent(body(text, calendar, InviteCalendar.method(notice.kind())));
    message.saveChanges();
    return message;
  }

  /** The Message-ID this notice's message carries, e.g. to look for it in the outbox. */
  public String messageId(BookingNotice notice) {
    return MessageIds.of(notice, publicHost);
  }

  private static MimeMultipart body(MailText text, String calendar, String method) throws MessagingException {
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(textPart(text.plain(), "plain"));
    alternative.addBodyPart(textPart(text.html(), "html"));
    alternative.addBodyPart(calendarPart(calendar, "text/calendar; charset=UTF-8; method=" + method));
    MimeBodyPart alternatives = new MimeBodyPart();
    alternatives.setContent(alternative);

    MimeBodyPart attachment = calendarPart(calendar, "application/ics; name=invite.ics");
    attachment.setFileName("invite.ics");
    attachment.setDisposition(MimeBodyPart.ATTACHMENT);

    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(alternatives);
    mixed.addBodyPart(attachment);
    return mixed;
  }

  private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(content, "UTF-8", subtype);
    return part;
  }

  /** Through a data source: Jakarta Mail has no content handler for text/calendar strings. */
  private static MimeBodyPart calendarPart(String calendar, String contentType) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(
        new ByteArrayDataSource(calendar.getBytes(StandardCharsets.UTF_8), contentType)));
    part.setHeader("Content-Type", contentType);
    return part;
  }

  private static InternetAddress address(Party party) throws MessagingException {
    try {
      InternetAddress address = new InternetAddress(party.email(), NoticeText.oneLine(party.name()), "UTF-8");
      address.validate();
      return address;
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always there", e);
    }
  }

  /** Keeps the composed Message-ID when the message is saved or sent, instead of a random one. */
  private static final class StableIdMessage extends MimeMessage {
    private final String messageId;

    StableIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
