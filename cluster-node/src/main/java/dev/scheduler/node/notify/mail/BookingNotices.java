package dev.scheduler.node.notify.mail;

import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.HostProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds notices from the protocol's records, for the read side that follows bookings. */
public final class BookingNotices {
  private BookingNotices() {}

  /** The same notice to the invitee and to the host, in that order. */
  public static List<BookingNotice> toBoth(NoticeKind kind, int sequence, Booking booking, HostProfile host,
      String eventTitle, URI manageLink) {
    var invitee = booking.invitee();
    var notice = new BookingNotice(kind, booking.id(), sequence, 0, eventTitle, booking.start(), booking.end(),
        new Party(host.name(), host.email(), host.timeZone()),
        new Party(invitee.name(), invitee.email(), invitee.timeZone()),
        booking.notes(), booking.cancelReason(), manageLink, Recipient.INVITEE);
    return List.of(notice, notice.withRecipient(Recipient.HOST));
  }

  /**
   * The invitee's manage link: {@code <public url>/manage/<booking id>?token=<booking token>}. The
   * booking token is scoped to that booking; a host's token must never be passed here.
   */
  public static URI manageLink(String publicUrl, String bookingId, String bookingToken) {
    String base = publicUrl.replaceAll("/+$", "");
    return URI.create(base + "/manage/" + URLEncoder.encode(bookingId, StandardCharsets.UTF_8)
        + "?token=" + URLEncoder.encode(bookingToken, StandardCharsets.UTF_8));
  }
}
