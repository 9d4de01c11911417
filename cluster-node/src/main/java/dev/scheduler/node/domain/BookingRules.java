package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.NewBooking;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.IdempotencyRecord;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.CalendarWrite;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import dev.scheduler.protocol.model.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Decisions about bookings: book, read, cancel, reschedule. */
public final class BookingRules {
  private BookingRules() {}

  /**
   * @param answerBy when the asker stops waiting, or null; a later command is refused unread (see
   *     {@code HostCalendarCommand.Book}), before even an idempotent replay, which nobody would hear
   * @param limits a host holds at most {@link HostLimits#activeBookingsPerHost()} active bookings
   */
  public static Decision<BookingResult> book(
      HostCalendarState state, NewBooking request, Instant answerBy, Instant now, HostLimits limits) {
    if (answerBy != null && now.isAfter(answerBy)) {
      return Decision.reject(RejectionCode.EXPIRED,
          "The request reached the host's calendar after its answer was due; nothing was booked.");
    }
    IdempotencyRecord earlier =
        request.idempotencyKey() == null ? null : state.idempotency().get(request.idempotencyKey());
    if (earlier != null) {
      return replay(state, request, earlier);
    }
    if (state.bookings().containsKey(request.bookingId())) {
      return Decision.reject(RejectionCode.CONFLICT, "A booking with this id exists already.");
    }
    EventType type = state.eventTypes().get(request.eventType());
    if (type == null) {
      return Decision.reject(RejectionCode.NOT_FOUND,
          "This host has no event type '" + request.eventType() + "'.");
    }
    if (BookingRetention.activeCount(state.bookings().values(), now) >= limits.activeBookingsPerHost()) {
      return Decision.reject(RejectionCode.LIMIT_EXCEEDED, "This host has " + limits.activeBookingsPerHost()
          + " bookings to come, the most it can hold; it takes new ones as those pass or are cancelled.");
    }
    return checkStart(state, type, request.start(), state.bookings().values(), now)
        .orElse(() -> Decision.persist(
            new BookingConfirmed(newBooking(request, type, now), request.requestFingerprint(), firstWrite(state)),
            s -> new BookingResult(s.bookings().get(request.bookingId()), false)));
  }

  public static Decision<BookingList> list(
      HostCalendarState state, Access access, Instant from, Instant to, BookingStatus status) {
    return HostAccessRules.hostOrAdmin(state, access).orElse(() -> Decision.answer(new BookingList(
        state.bookings().values().stream()
            .filter(b -> from == null || !b.start().isBefore(from))
            .filter(b -> to == null || b.start().isBefore(to))
            .filter(b -> status == null || b.status() == status)
            .sorted(Comparator.comparing(Booking::start).thenComparing(Booking::id))
            .toList())));
  }

  public static Decision<Booking> get(
      HostCalendarState state, Access access, String bookingId, Instant now, HostLimits limits) {
    return existing(state, access, bookingId, now, limits)
        .orElse(() -> Decision.answer(state.bookings().get(bookingId)));
  }

  /**
   * Cancelling twice is not an error: the second time answers with the cancelled booking. An
   * invitee cancels only before the event type's cutoff; the host at any time.
   */
  public static Decision<Booking> cancel(HostCalendarState state, Access access, String bookingId, String reason,
      Instant now, HostLimits limits) {
    return existing(state, access, bookingId, now, limits).orElse(() -> {
      Booking booking = state.bookings().get(bookingId);
      if (!booking.isConfirmed()) {
        return Decision.answer(booking);
      }
      return inviteeInTime(state, access, booking, now).orElse(() -> Decision.persist(
          new BookingCancelled(bookingId, reason, now, nextWrite(state, booking)),
          s -> s.bookings().get(bookingId)));
    });
  }

  /**
   * Moves a booking atomically: the old time is given up only when the new one is taken. The new
   * time is checked as a new booking of the event type as it is now (duration, buffers, notice,
   * window, daily limit), except that the booking's own old time neither blocks the new one nor
   * counts towards its day's limit; the moved booking takes the event type's current buffers. An
   * invitee moves it only before the event type's cutoff before its current start; the host at any
   * time.
   */
  public static Decision<Booking> reschedule(HostCalendarState state, Access access, String bookingId,
      Instant newStart, Instant now, HostLimits limits) {
    return existing(state, access, bookingId, now, limits).orElse(() -> {
      Booking booking = state.bookings().get(bookingId);
      if (!booking.isConfirmed()) {
        return Decision.reject(RejectionCode.CONFLICT, "A cancelled booking cannot be rescheduled.");
      }
      if (booking.start().equals(newStart)) {
        return Decision.answer(booking);
      }
      EventType type = state.eventTypes().get(booking.eventType());
      if (type == null) {
        return Decision.reject(RejectionCode.CONFLICT, "The booking's event type no longer exists.");
      }
      List<Booking> others = state.bookings().values().stream().filter(b -> !b.id().equals(bookingId)).toList();
      Instant newEnd = newStart.plus(type.duration());
      return inviteeInTime(state, access, booking, now)
          .orElse(() -> checkStart(state, type, newStart, others, now))
          .orElse(() -> Decision.persist(
              new BookingRescheduled(bookingId, newStart, newEnd, now, nextWrite(state, booking),
                  type.bufferBeforeMinutes(), type.bufferAfterMinutes()),
              s -> s.bookings().get(bookingId)));
    });
  }

  private static Decision<BookingResult> replay(
      HostCalendarState state, NewBooking request, IdempotencyRecord earlier) {
    if (!earlier.requestFingerprint().equals(request.requestFingerprint())) {
      return Decision.reject(RejectionCode.IDEMPOTENCY_CONFLICT,
          "This Idempotency-Key was already used with a different request.");
    }
    Booking booked = state.bookings().get(earlier.bookingId());
    if (booked == null) {
      return Decision.reject(RejectionCode.CONFLICT, "This Idempotency-Key was used for booking '"
          + earlier.bookingId() + "', which this host no longer keeps.");
    }
    return Decision.answer(new BookingResult(booked, true));
  }

  private static Decision<Void> checkStart(
      HostCalendarState state, EventType type, Instant start, Collection<Booking> bookings, Instant now) {
    if (start.isBefore(now)) {
      return Decision.reject(RejectionCode.INVALID_REQUEST, "The start " + start + " is in the past.");
    }
    if (start.isBefore(now.plus(type.minimumNotice()))) {
      return Decision.reject(RejectionCode.SLOT_UNAVAILABLE, "The start " + start
          + " is inside the minimum notice of " + type.minimumNoticeMinutes() + " minutes.");
    }
    boolean offered = Availability.isOffered(
        state.schedule(), type, HostCalendarEvolution.allBusy(state), bookings, start, now);
    if (!offered) {
      return Decision.reject(RejectionCode.SLOT_UNAVAILABLE, "The slot at " + start + " is not available.");
    }
    return Decision.pass();
  }

  /**
   * An invitee may change a booking until the event type's cutoff before the booking's current
   * start (at the cutoff itself still); the host always.
   */
  private static Decision<Void> inviteeInTime(
      HostCalendarState state, Access access, Booking booking, Instant now) {
    if (HostAccessRules.actsAsHost(state, access)) {
      return Decision.pass();
    }
    EventType type = state.eventTypes().get(booking.eventType());
    Duration cutoff = type == null ? Duration.ZERO : type.inviteeChangeCutoff();
    if (now.isAfter(booking.start().minus(cutoff))) {
      String until = cutoff.isZero() ? "until it starts" : "until " + cutoff.toMinutes() + " minutes before it starts";
      return Decision.reject(RejectionCode.CHANGE_TOO_LATE, "This booking (starting " + booking.start()
          + ") can be cancelled or rescheduled with its booking token only " + until + "; ask the host.");
    }
    return Decision.pass();
  }

  private static Decision<Void> existing(
      HostCalendarState state, Access access, String bookingId, Instant now, HostLimits limits) {
    return HostAccessRules.hostOrBookingToken(state, access, bookingId, now, limits.bookingTokenLifetime()).orElse(() ->
        state.bookings().containsKey(bookingId)
            ? Decision.pass()
            : Decision.reject(RejectionCode.NOT_FOUND, "This host has no booking '" + bookingId + "'."));
  }

  private static Booking newBooking(NewBooking request, EventType type, Instant now) {
    return new Booking(request.bookingId(), type.slug(), request.start(), request.start().plus(type.duration()),
        type.bufferBeforeMinutes(), type.bufferAfterMinutes(), request.invitee(), request.notes(),
        BookingStatus.CONFIRMED, null, request.idempotencyKey(), now, null);
  }

  /** A new booking goes to the host's booking calendar, if there is one. */
  private static CalendarWriteIntent firstWrite(HostCalendarState state) {
    return state.bookingCalendar() == null ? null : new CalendarWriteIntent(state.bookingCalendar(), 1);
  }

  /** A change follows the booking to the calendar it was written to, while that one is still connected. */
  private static CalendarWriteIntent nextWrite(HostCalendarState state, Booking booking) {
    CalendarWrite last = booking.calendarWrite();
    return last == null || !state.connections().containsKey(last.connectionId()) ? null : last.next();
  }
}
