package dev.scheduler.protocol.calendar;

import dev.scheduler.protocol.CborSerializable;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BookingResult;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ConnectionList;
import dev.scheduler.protocol.connection.ProviderKind;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ScheduleView;
import dev.scheduler.protocol.calendar.HostCalendarReplies.SlotList;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * Everything that can be asked of one host's calendar entity. Each command carries the data the
 * domain decides on (Pekko-free records) plus the actor to reply to.
 */
public sealed interface HostCalendarCommand extends CborSerializable {

  /** Where the answer goes; every command is answered, with a success or a rejection. */
  ActorRef<? extends StatusReply<?>> replyTo();

  record CreateHost(HostProfile host, ActorRef<StatusReply<HostProfile>> replyTo)
      implements HostCalendarCommand {}

  record GetHost(Access access, ActorRef<StatusReply<HostProfile>> replyTo)
      implements HostCalendarCommand {}

  /**
   * Replaces the host's API token by the one whose SHA-256 is {@code apiTokenHash}: the old token
   * is refused from the moment the event is persisted.
   */
  record ReplaceHostToken(Access access, String apiTokenHash, ActorRef<StatusReply<HostProfile>> replyTo)
      implements HostCalendarCommand {}

  record SetSchedule(Access access, Schedule schedule, ActorRef<StatusReply<ScheduleView>> replyTo)
      implements HostCalendarCommand {}

  record GetSchedule(Access access, ActorRef<StatusReply<ScheduleView>> replyTo)
      implements HostCalendarCommand {}

  record SaveEventType(Access access, EventType eventType, ActorRef<StatusReply<EventType>> replyTo)
      implements HostCalendarCommand {}

  record GetEventTypes(ActorRef<StatusReply<EventTypeList>> replyTo) implements HostCalendarCommand {}

  record ReplaceBusy(
      Access access, String sourceId, List<Interval> intervals, ActorRef<StatusReply<BusySource>> replyTo)
      implements HostCalendarCommand {}

  /**
   * Busy time from one of the host's own calendar connections. Sent by the connection's sync, never
   * from the API; ignored when the connection is no longer the host's.
   */
  record SyncBusy(String connectionId, List<Interval> intervals, ActorRef<StatusReply<BusySource>> replyTo)
      implements HostCalendarCommand {}

  /** A connection's report on writing a booking to the host's calendar. Sent by the node, never from the API. */
  record RecordCalendarWrite(String connectionId, String bookingId, long version, CalendarWriteStatus status,
      String reason, ActorRef<StatusReply<Booking>> replyTo) implements HostCalendarCommand {}

  /**
   * Writes a booking to the host's calendar again after its write failed for good: the host or the
   * admin (the operator console). Refused unless the booking's latest write is failed.
   */
  record RetryCalendarWrite(Access access, String bookingId, ActorRef<StatusReply<Booking>> replyTo)
      implements HostCalendarCommand {}

  record AddConnection(Access access, String connectionId, ProviderKind provider,
      ActorRef<StatusReply<ConnectionList>> replyTo) implements HostCalendarCommand {}

  record ConfigureConnection(Access access, String connectionId, Boolean countsForConflicts, Boolean receivesBookings,
      ActorRef<StatusReply<ConnectionList>> replyTo) implements HostCalendarCommand {}

  record RemoveConnection(Access access, String connectionId, ActorRef<StatusReply<ConnectionList>> replyTo)
      implements HostCalendarCommand {}

  record ListConnections(Access access, ActorRef<StatusReply<ConnectionList>> replyTo)
      implements HostCalendarCommand {}

  /**
   * Offered slots of an event type on the local dates {@code startDate..endDate} (inclusive) of
   * {@code timeZone}; a null zone means the schedule's own.
   */
  record GetSlots(
      String eventType,
      LocalDate startDate,
      LocalDate endDate,
      ZoneId timeZone,
      ActorRef<StatusReply<SlotList>> replyTo)
      implements HostCalendarCommand {}

  /**
   * @param answerBy when the asker stops waiting (null: never). A command that reaches the host
   *     later, held up while its shard moved, is refused without effect: its asker has been told
   *     503 and may have retried and been answered since, so booking now would give a client a
   *     booking it was told it does not have.
   */
  record Book(NewBooking request, Instant answerBy, ActorRef<StatusReply<BookingResult>> replyTo)
      implements HostCalendarCommand {}

  /** Bookings whose start lies in {@code [from, to)}; a null bound is open; a null status means any. */
  record ListBookings(
      Access access, Instant from, Instant to, BookingStatus status, ActorRef<StatusReply<BookingList>> replyTo)
      implements HostCalendarCommand {}

  record GetBooking(Access access, String bookingId, ActorRef<StatusReply<Booking>> replyTo)
      implements HostCalendarCommand {}

  record CancelBooking(
      Access access, String bookingId, String reason, ActorRef<StatusReply<Booking>> replyTo)
      implements HostCalendarCommand {}

  record RescheduleBooking(
      Access access, String bookingId, Instant newStart, ActorRef<StatusReply<Booking>> replyTo)
      implements HostCalendarCommand {}
}
