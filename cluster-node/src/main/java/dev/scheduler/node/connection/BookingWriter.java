package dev.scheduler.node.connection;

import dev.scheduler.node.provider.BookingCalendar;
import dev.scheduler.node.provider.BookingEvent;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RecordCalendarWrite;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingCancelled;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingConfirmed;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BookingRescheduled;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.CalendarWriteIntent;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.Interval;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a host's bookings to the calendar of this connection. The host's journal is the outbox:
 * this actor follows it from the last offset the connection persisted, and for each booking change
 * meant for this connection writes it (retrying with backoff until it lands, however long the
 * provider is down) before moving on. Writes are idempotent by the booking's event key, so a change
 * replayed after a crash lands once.
 */
public final class BookingWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BookingWriter.class);

  private BookingWriter() {}

  public sealed interface Message {}

  /**
   * The connection lost its grant: from now on every write is recorded as failed at once, without
   * calling the provider, so that no booking stays "pending" for a calendar that cannot take it.
   */
  public record RefuseWrites() implements Message {}

  public static Behavior<Message> create(String connectionId, String hostId, BookingCalendar calendar,
      String calendarId, ProviderCalls calls, long fromOffset, boolean refusing, ActorRef<ConnectionCommand> entity,
      ConnectionRuntime runtime) {
    return Behaviors.setup(ctx -> {
      Writes writes = new Writes(ctx.getSystem(), connectionId, hostId, calendar, calendarId, calls, entity, runtime);
      if (refusing) {
        writes.refuse();
      }
      UniqueKillSwitch stream = writes.follow(fromOffset);
      return Behaviors.receive(Message.class)
          .onMessage(RefuseWrites.class, refuse -> {
            writes.refuse();
            return Behaviors.same();
          })
          .onSignal(PostStop.class, stop -> {
            stream.shutdown();
            return Behaviors.same();
          })
          .build();
    });
  }

  /** The stream and the writes; kept out of the actor so that its callbacks touch no actor state. */
  private static final class Writes {
    private final ActorSystem<?> system;
    private final String connectionId;
    private final String hostId;
    private final BookingCalendar calendar;
    private final String calendarId;
    private final ProviderCalls calls;
    private final ActorRef<ConnectionCommand> entity;
    private final SyncSettings settings;
    private final Executor blocking;
    private final EntityClient entities;
    private final AtomicLong offset = new AtomicLong();
    // Read by the stream's callbacks on other threads, set by the actor.
    private final java.util.concurrent.atomic.AtomicBoolean refusing = new java.util.concurrent.atomic.AtomicBoolean();

    Writes(ActorSystem<?> system, String connectionId, String hostId, BookingCalendar calendar, String calendarId,
        ProviderCalls calls, ActorRef<ConnectionCommand> entity, ConnectionRuntime runtime) {
      this.calls = calls;
      this.system = system;
      this.connectionId = connectionId;
      this.hostId = hostId;
      this.calendar = calendar;
      this.calendarId = calendarId;
      this.entity = entity;
      this.settings = runtime.settings();
      this.blocking = runtime.blocking();
      this.entities = runtime.entities();
    }

    void refuse() {
      refusing.set(true);
    }

    UniqueKillSwitch follow(long fromOffset) {
      offset.set(fromOffset);
      JdbcReadJournal journal = PersistenceQuery.get(system)
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      String persistenceId = PersistenceId.of(HostCalendarEntityKey.ENTITY_KEY.name(), hostId).id();
      RestartSettings restarts = RestartSettings.create(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2);
      return RestartSource.onFailuresWithBackoff(restarts,
              () -> journal.eventsByPersistenceId(persistenceId, offset.get() + 1, Long.MAX_VALUE)
                  .mapAsync(1, this::handle))
          .viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.ignore(), Keep.left())
          .run(system);
    }

    private CompletionStage<Long> handle(EventEnvelope envelope) {
      long sequenceNr = envelope.sequenceNr();
      return handle(envelope.event()).thenApply(wrote -> {
        offset.set(sequenceNr);
        if (wrote) {
          entity.tell(new ConnectionReport.WriterProgress(sequenceNr));
        }
        return sequenceNr;
      });
    }

    private CompletionStage<Boolean> handle(Object event) {
      if (event instanceof BookingConfirmed c && mine(c.writeTo())) {
        return write(c.booking().id(), c.writeTo(), upsert(c.booking()));
      }
      if (event instanceof BookingRescheduled r && mine(r.writeTo())) {
        return write(r.bookingId(), r.writeTo(), rescheduled(r.bookingId()));
      }
      if (event instanceof BookingCancelled c && mine(c.writeTo())) {
        return write(c.bookingId(), c.writeTo(), delete(c.bookingId()));
      }
      return CompletableFuture.completedFuture(false);
    }

    private boolean mine(CalendarWriteIntent intent) {
      return intent != null && intent.connectionId().equals(connectionId);
    }

    private interface Write {
      void run() throws ProviderException;
    }

    private Write upsert(Booking booking) {
      return () -> calendar.upsert(calendarId, eventOf(booking));
    }

    // A reschedule event carries only the new times; the rest of the booking comes from the host.
    private Write rescheduled(String bookingId) {
      return () -> calendar.upsert(calendarId, eventOf(entities
          .<Booking>askHost(hostId, r -> new GetBooking(Access.verifiedHost(hostId), bookingId, r))
          .toCompletableFuture().join()));
    }

    private Write delete(String bookingId) {
      return () -> calendar.delete(calendarId, BookingEvent.keyFor(hostId, bookingId));
    }

    private CompletionStage<Boolean> write(String bookingId, CalendarWriteIntent intent, Write write) {
      return attempt(write, 0).thenCompose(failure -> report(bookingId, intent, failure)).thenApply(reported -> true);
    }

    /** Completes with null once written, or with the reason it never will be; retries everything else. */
    private CompletionStage<String> attempt(Write write, int failures) {
      return CompletableFuture.supplyAsync(() -> {
        if (refusing.get()) {
          return new Outcome("The calendar connection is disconnected; connect the calendar again to write bookings.",
              false);
        }
        try {
          calls.call(() -> {
            write.run();
            return null;
          });
          return Outcome.WRITTEN;
        } catch (ProviderException.Rejected | ProviderException.AccessRevoked permanent) {
          return new Outcome(permanent.getMessage(), false);
        } catch (ProviderException transientFailure) {
          return new Outcome(transientFailure.getMessage(), true);
        } catch (CompletionException hostDidNotAnswer) {
          return new Outcome("the host's calendar did not answer", true);
        }
      }, blocking).thenCompose(outcome -> {
        if (!outcome.retry()) {
          return CompletableFuture.completedFuture(outcome.failure());
        }
        Duration delay = settings.retry().delayBefore(failures, null, ThreadLocalRandom.current()::nextDouble);
        LOG.warn("Writing a booking of host {} to connection {} failed: {}; retrying in {} ms",
            hostId, connectionId, outcome.failure(), delay.toMillis());
        return CompletableFuture.supplyAsync(() -> write, CompletableFuture.delayedExecutor(
            delay.toMillis(), TimeUnit.MILLISECONDS, blocking)).thenCompose(w -> attempt(w, failures + 1));
      });
    }

    private CompletionStage<Boolean> report(String bookingId, CalendarWriteIntent intent, String failure) {
      CalendarWriteStatus status = failure == null ? CalendarWriteStatus.WRITTEN : CalendarWriteStatus.FAILED;
      return entities.<Booking>askHost(hostId, r -> new RecordCalendarWrite(connectionId, bookingId, intent.version(),
              status, failure, r))
          // Only an unanswered report is sent again; a refusal (the booking is gone) ends it.
          .handle((ok, error) -> error == null || !(Failures.causeOf(error) instanceof java.util.concurrent.TimeoutException))
          .thenCompose(recorded -> recorded ? CompletableFuture.completedFuture(true)
              : CompletableFuture.supplyAsync(() -> true, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, blocking))
                  .thenCompose(again -> report(bookingId, intent, failure)));
    }

    private BookingEvent eventOf(Booking booking) {
      String description = "Booked by " + booking.invitee().name() + " <" + booking.invitee().email() + ">"
          + (booking.notes() == null || booking.notes().isBlank() ? "" : "\n\n" + booking.notes());
      return new BookingEvent(BookingEvent.keyFor(hostId, booking.id()),
          booking.eventType() + " with " + booking.invitee().name(), description,
          new Interval(booking.start(), booking.end()), booking.invitee().email());
    }
  }

  private record Outcome(String failure, boolean retry) {
    static final Outcome WRITTEN = new Outcome(null, false);
  }
}
