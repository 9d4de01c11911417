package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.CalendarWriteRetried;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the calendar write-back does with a host's journal, without the journal: which events
 * become a write for which connection (one outbox row each), what a booking looks like in the
 * external calendar, and where a connection's writer must read the journal itself because the
 * events there carry no tag (they were written before tagging, so no outbox row exists for them).
 */
public final class CalendarWriteBack {
  private CalendarWriteBack() {}

  /** What the provider is asked to do with the booking's copy. */
  public enum Action {
    /** Create or replace the copy from the payload the row carries (a new booking). */
    UPSERT,
    /** Replace the copy from the booking as the host holds it now (a reschedule carries only its times). */
    MOVE,
    /** Remove the copy (a cancel). */
    DELETE
  }

  /** The booking as the external calendar shows it. */
  public record Payload(String summary, String description, Instant start, Instant end, String inviteeEmail) {
    public Payload {
      Objects.requireNonNull(summary);
      Objects.requireNonNull(description);
      Objects.requireNonNull(start);
      Objects.requireNonNull(end);
    }
  }

  /**
   * One write a connection owes: the host's journal event at {@code sequenceNr} asked
   * {@code connectionId} to apply {@code action} to the booking. {@code payload} is present for
   * {@link Action#UPSERT} only. (connection, host, sequence number) names it for ever.
   */
  public record Row(String connectionId, String hostId, long sequenceNr, String bookingId, Action action,
      long intentVersion, Payload payload) {
    public Row {
      Objects.requireNonNull(connectionId);
      Objects.requireNonNull(hostId);
      Objects.requireNonNull(bookingId);
      Objects.requireNonNull(action);
      if (action == Action.UPSERT && payload == null) {
        throw new IllegalArgumentException("an upsert carries the booking it writes");
      }
    }
  }

  /** The write an event of the host's journal asks for, if it carries a write-to-calendar intent. */
  public static Optional<Row> rowOf(String hostId, long sequenceNr, HostCalendarEvent event) {
    if (event instanceof BookingConfirmed c && c.writeTo() != null) {
      return Optional.of(row(hostId, sequenceNr, c.booking().id(), Action.UPSERT, c.writeTo(),
          payloadOf(c.booking())));
    }
    if (event instanceof BookingRescheduled r && r.writeTo() != null) {
      return Optional.of(row(hostId, sequenceNr, r.bookingId(), Action.MOVE, r.writeTo(), null));
    }
    if (event instanceof BookingCancelled c && c.writeTo() != null) {
      return Optional.of(row(hostId, sequenceNr, c.bookingId(), Action.DELETE, c.writeTo(), null));
    }
    if (event instanceof CalendarWriteRetried r) {
      // The booking as it is now: a confirmed one is written in full (create or replace), a
      // cancelled one deleted; both are idempotent by the booking's event key.
      Booking booking = r.booking();
      return Optional.of(booking.status() == BookingStatus.CANCELLED
          ? row(hostId, sequenceNr, booking.id(), Action.DELETE, r.writeTo(), null)
          : row(hostId, sequenceNr, booking.id(), Action.UPSERT, r.writeTo(), payloadOf(booking)));
    }
    return Optional.empty();
  }

  private static Row row(String hostId, long sequenceNr, String bookingId, Action action, CalendarWriteIntent intent,
      Payload payload) {
    return new Row(intent.connectionId(), hostId, sequenceNr, bookingId, action, intent.version(), payload);
  }

  /** The copy of a booking in the host's calendar: who booked, their notes, the time. */
  public static Payload payloadOf(Booking booking) {
    String notes = booking.notes() == null || booking.notes().isBlank() ? "" : "\n\n" + booking.notes();
    String description = "Booked by " + booking.invitee().name() + " <" + booking.invitee().email() + ">" + notes;
    return new Payload(booking.eventType() + " with " + booking.invitee().name(), description, booking.start(),
        booking.end(), booking.invitee().email());
  }

  /**
   * Where the writer must read the journal by persistence id before it reads outbox rows: up to
   * {@code lastUntagged}, the highest sequence number after its offset whose event carries no tag,
   * if there is one. Events without a tag never reach the read side, so no row stands for them.
   */
  public static OptionalLong journalUpTo(long offset, OptionalLong lastUntagged) {
    return lastUntagged.isPresent() && lastUntagged.getAsLong() > offset ? lastUntagged : OptionalLong.empty();
  }

  /**
   * Below which sequence number to look for untagged events, given the rows just read after the
   * offset: up to the last of them, or (none read) to the end of the journal.
   */
  public static long untaggedSearchEnd(List<Row> rows) {
    return rows.isEmpty() ? Long.MAX_VALUE : rows.get(rows.size() - 1).sequenceNr();
  }

  /**
   * One step of a writer: read the journal first up to {@code journalUpTo} (when present), then
   * write {@code rows}; {@code after} is the offset once all of it is done.
   */
  public record Batch(OptionalLong journalUpTo, List<Row> rows, long after) {
    public Batch {
      rows = List.copyOf(rows);
    }
  }

  /**
   * What a writer at {@code offset} does with the rows it read (in sequence order) and the last
   * untagged event it found in front of their end: where an untagged event lies after the offset,
   * the journal is read up to it, tagged events in between included, and the rows those cover are
   * skipped, so every change is handled once and in the host's order.
   */
  public static Batch plan(long offset, List<Row> rows, OptionalLong lastUntagged) {
    OptionalLong upTo = journalUpTo(offset, lastUntagged);
    long after = upTo.orElse(offset);
    List<Row> kept = new ArrayList<>();
    for (Row row : rows) {
      if (row.sequenceNr() > after) {
        kept.add(row);
        after = row.sequenceNr();
      }
    }
    return new Batch(upTo, kept, after);
  }
}
