package dev.scheduler.node.notify.mail;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * The iTIP (RFC 5546) calendar a booking mail carries. One VEVENT whose UID is the same for every
 * message of a booking, so a mail client keeps one event: a higher SEQUENCE with METHOD:REQUEST
 * moves it, METHOD:CANCEL with STATUS:CANCELLED removes it. Times are UTC, so no VTIMEZONE is needed
 * and every client shows them in its own zone.
 */
final class InviteCalendar {
  static final String PRODID = "-//Meeting scheduler//Booking mail 1.0//EN";

  private InviteCalendar() {}

  /** A stable UID per booking: the booking id at the node's public host name. */
  static String uid(String bookingId, String publicHost) {
    return bookingId + "@" + publicHost;
  }

  /** The iTIP method of this kind of notice, as in the text/calendar content type. */
  static String method(NoticeKind kind) {
    return kind.cancels() ? "CANCEL" : "REQUEST";
  }

  static String text(BookingNotice n, String publicHost, Instant stamp) {
    Calendar calendar = new Calendar()
        .add(new ProdId(PRODID))
        .add(ImmutableVersion.VERSION_2_0)
        .add(n.kind().cancels() ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
    calendar.add(event(n, publicHost, stamp));
    var out = new StringWriter();
    try {
      // Not validated here: ical4j's validation was most of this method's CPU on every mail. The
      // tests validate every kind of invitation for both recipients (MessageCompositionTest).
      new CalendarOutputter(false).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ValidationException e) {
      throw new IllegalStateException("the invitation is not valid iCalendar: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static VEvent event(BookingNotice n, String publicHost, Instant stamp) {
    return new VEvent(false)
        .add(new Uid(uid(n.bookingId(), publicHost)))
        .add(new Sequence(n.sequence()))
        .add(new DtStamp(stamp))
        .add(new DtStart<>(n.start()))
        .add(new DtEnd<>(n.end()))
        .add(new Summary(NoticeText.oneLine(n.eventTitle() + " with " + n.other().name())))
        .add(new Description(description(n)))
        .add(new Organizer(mailto(n.host().email())).add(new Cn(cn(n.host().name()))))
        .add(attendee(n))
        .add(n.kind().cancels() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
  }

  private static Attendee attendee(BookingNotice n) {
    return new Attendee(mailto(n.invitee().email()))
        .add(new Cn(cn(n.invitee().name())))
        .add(Role.REQ_PARTICIPANT)
        .add(n.kind().cancels() ? PartStat.DECLINED : PartStat.ACCEPTED)
        .add(Rsvp.FALSE);
  }

  /**
   * The invitee's copy carries the manage link; the host's does not, since the link holds the
   * invitee's booking token.
   */
  private static String description(BookingNotice n) {
    StringBuilder text = new StringBuilder(n.eventTitle()).append(" with ").append(n.other().name())
        .append(" (").append(n.other().email()).append(")");
    if (!n.notes().isBlank()) {
      text.append("\nNotes: ").append(n.notes());
    }
    if (n.kind().cancels() && !n.cancelReason().isBlank()) {
      text.append("\nCancelled: ").append(n.cancelReason());
    }
    if (n.recipient() == Recipient.INVITEE) {
      text.append("\nCancel or reschedule: ").append(n.manageLink());
    }
    return text.toString();
  }

  private static URI mailto(String email) {
    try {
      return new URI("mailto", email, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a mail address: " + email, e);
    }
  }

  /** A parameter value cannot hold a double quote or a control character (RFC 5545, 3.1). */
  private static String cn(String name) {
    return NoticeText.oneLine(name).replace("\"", "'");
  }
}
