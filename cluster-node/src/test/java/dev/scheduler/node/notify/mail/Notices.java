package dev.scheduler.node.notify.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A booking between a host in Berlin and an invitee in New York, for the mail tests. */
final class Notices {
  static final String PUBLIC_HOST = "book.example.com";
  static final Instant STAMP = Instant.parse("2027-03-01T08:00:00Z");
  static final Party HOST = new Party("Ann Host", "ann@host.example", ZoneId.of("Europe/Berlin"));
  static final Party INVITEE = new Party("Bo Invitee", "bo@invitee.example", ZoneId.of("America/New_York"));
  static final URI MANAGE = BookingNotices.manageLink("https://book.example.com/", "b-42", "bt.secret-token");

  private Notices() {}

  /** Monday 15 March 2027, 14:00-14:30 UTC: the day after the American clock change, before the European one. */
  static BookingNotice confirmed() {
    return at(Instant.parse("2027-03-15T14:00:00Z"));
  }

  static BookingNotice at(Instant start) {
    return new BookingNotice(NoticeKind.CONFIRMED, "b-42", 0, 0, "Intro call", start, start.plusSeconds(30 * 60),
        HOST, INVITEE, "Looking forward", "", MANAGE, Recipient.INVITEE);
  }

  static MessageComposer composer() {
    return composer(Clock.fixed(STAMP, ZoneOffset.UTC));
  }

  static MessageComposer composer(Clock clock) {
    try {
      return new MessageComposer(new InternetAddress("Scheduler <no-reply@book.example.com>"), PUBLIC_HOST, clock);
    } catch (AddressException e) {
      throw new IllegalStateException(e);
    }
  }
}
