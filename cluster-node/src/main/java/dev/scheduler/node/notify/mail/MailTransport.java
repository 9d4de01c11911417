package dev.scheduler.node.notify.mail;

import jakarta.mail.internet.MimeMessage;

/** Hands a composed message on: to an SMTP server, or to the outbox directory when there is none. */
public interface MailTransport {
  /** Never throws for a delivery failure: the outcome says whether to retry. */
  DeliveryOutcome deliver(MimeMessage message);
}
