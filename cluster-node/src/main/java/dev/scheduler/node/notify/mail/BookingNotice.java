package dev.scheduler.node.notify.mail;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything one booking mail says, to one recipient. The read side builds it from the journal's
 * events (see {@link BookingNotices}); composing a message from it needs nothing else.
 *
 * @param sequence the iCalendar SEQUENCE: 0 when booked, raised by one on every reschedule and on
 *     the cancellation, so that a mail client replaces the event it holds; a reminder repeats the
 *     booking's current sequence
 * @param reminderBeforeMinutes for a {@link NoticeKind#REMINDER}, how long before the start it is
 *     due (two reminders of one booking are two messages); 0 for every other kind
 * @param manageLink the invitee's link to cancel or reschedule, carrying the booking token (never
 *     the host's token); shown to the invitee only
 * @param notes the invitee's notes, may be empty
 * @param cancelReason why it was cancelled, may be empty
 */
public record BookingNotice(
    NoticeKind kind,
    String bookingId,
    int sequence,
    int reminderBeforeMinutes,
    String eventTitle,
    Instant start,
    Instant end,
    Party host,
    Party invitee,
    String notes,
    String cancelReason,
    URI manageLink,
    Recipient recipient) {

  public BookingNotice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bookingId, "bookingId");
    Objects.requireNonNull(eventTitle, "eventTitle");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(invitee, "invitee");
    Objects.requireNonNull(manageLink, "manageLink");
    Objects.requireNonNull(recipient, "recipient");
    notes = notes == null ? "" : notes;
    cancelReason = cancelReason == null ? "" : cancelReason;
    if (sequence < 0 || reminderBeforeMinutes < 0) {
      throw new IllegalArgumentException("sequence and reminderBeforeMinutes cannot be negative");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a booking ends after it starts");
    }
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Whom this message goes to. */
  public Party to() {
    return recipient == Recipient.INVITEE ? invitee : host;
  }

  /** The other side of the booking, as this recipient knows them. */
  public Party other() {
    return recipient == Recipient.INVITEE ? host : invitee;
  }

  public BookingNotice withRecipient(Recipient newRecipient) {
    return new BookingNotice(kind, bookingId, sequence, reminderBeforeMinutes, eventTitle, start, end, host,
        invitee, notes, cancelReason, manageLink, newRecipient);
  }

  public BookingNotice withKind(NoticeKind newKind) {
    return new BookingNotice(newKind, bookingId, sequence, reminderBeforeMinutes, eventTitle, start, end, host,
        invitee, notes, cancelReason, manageLink, recipient);
  }

  public BookingNotice withSequence(int newSequence) {
    return new BookingNotice(kind, bookingId, newSequence, reminderBeforeMinutes, eventTitle, start, end, host,
        invitee, notes, cancelReason, manageLink, recipient);
  }

  public BookingNotice withTimes(Instant newStart, Instant newEnd) {
    return new BookingNotice(kind, bookingId, sequence, reminderBeforeMinutes, eventTitle, newStart, newEnd, host,
        invitee, notes, cancelReason, manageLink, recipient);
  }

  public BookingNotice withCancelReason(String reason) {
    return new BookingNotice(kind, bookingId, sequence, reminderBeforeMinutes, eventTitle, start, end, host,
        invitee, notes, reason, manageLink, recipient);
  }

  public BookingNotice withReminderBeforeMinutes(int minutes) {
    return new BookingNotice(kind, bookingId, sequence, minutes, eventTitle, start, end, host,
        invitee, notes, cancelReason, manageLink, recipient);
  }

  public BookingNotice withParties(Party newHost, Party newInvitee) {
    return new BookingNotice(kind, bookingId, sequence, reminderBeforeMinutes, eventTitle, start, end, newHost,
        newInvitee, notes, cancelReason, manageLink, recipient);
  }
}
