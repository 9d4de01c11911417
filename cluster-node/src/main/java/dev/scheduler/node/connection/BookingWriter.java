package dev.scheduler.node.connection;

import dev.scheduler.node.domain.CalendarWriteBack;
import dev.scheduler.node.domain.CalendarWriteBack.Row;
import dev.scheduler.node.provider.BookingCalendar;
import dev.scheduler.node.provider.BookingEvent;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.protocol.EntityClient;
import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarCommand.GetBooking;
import dev.scheduler.protocol.calendar.HostCalendarCommand.RecordCalendarWrite;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.connection.ConnectionCommand;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.CalendarWriteStatus;
import dev.scheduler.protocol.model.Interval;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a host's bookings to the calendar of this connection. Its work is the connection's rows in
 * the write-back outbox ({@code calendar_writeback_outbox}), which a read side on the one home fills
 * from the host's tagged journal events ({@link WriteBackRows}): this actor reads the rows after the
 * offset the connection persisted (a host-journal sequence number), polling every
 * {@code scheduler.sync.write-back-poll-interval}, and writes each one (retrying with backoff until
 * it lands, however long the provider is down) before moving on. A slow provider delays only its
 * own connection: the read side never waits for one. Writes are idempotent by the booking's event
 * key, so a change replayed after a crash lands once.
 *
 * <p>Events written before tagging never reach the read side, so no row stands for them: where
 * the host's journal holds untagged events after the offset, the writer reads those from the
 * journal by persistence id, in order, before the rows that follow them (docs/read-side.md).
 */
public final class BookingWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BookingWriter.class);
  /** Rows read per query; the next query runs at once while a full batch came back. */
  private static final int BATCH = 100;

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
            writes.stop();
            stream.shutdown();
            return Behaviors.same();
          })
          .build();
    });
  }

  /** One step of the writer's work, in host-journal order. */
  private sealed interface Work {}

  /** A row of the outbox. */
  private record FromOutbox(Row row) implements Work {}

  /** The host's journal events {@code from} to {@code to} inclusive (the last untagged), read by persistence id. */
  private record FromJournal(long from, long to) implements Work {}

  /** Where the next read of the outbox starts; {@code first}: the stream just (re)started. */
  private record Cursor(long after, boolean first, boolean idle) {}

  /** The stream and the writes; kept out of the actor so that its callbacks touch no actor state. */
  private static final class Writes {
    private final ActorSystem<?> system;
    private final String connectionId;
    private final String hostId;
    private final String persistenceId;
    private final BookingCalendar calendar;
    private final String calendarId;
    private final ProviderCalls calls;
    private final ActorRef<ConnectionCommand> entity;
    private final SyncSettings settings;
    private final Executor blocking;
    private final EntityClient entities;
    private final WriteBackOutbox outbox;
    private final AtomicLong offset = new AtomicLong();
    // Read by the stream's callbacks on other threads, set by the actor.
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    Writes(ActorSystem<?> system, String connectionId, String hostId, BookingCalendar calendar, String calendarId,
        ProviderCalls calls, ActorRef<ConnectionCommand> entity, ConnectionRuntime runtime) {
      this.calls = calls;
      this.system = system;
      this.connectionId = connectionId;
      this.hostId = hostId;
      this.persistenceId = PersistenceId.of(HostCalendarEntityKey.ENTITY_KEY.name(), hostId).id();
      this.calendar = calendar;
      this.calendarId = calendarId;
      this.entity = entity;
      this.settings = runtime.settings();
      this.blocking = runtime.blocking();
      this.entities = runtime.entities();
      this.outbox = runtime.writeBacks();
    }

    void refuse() {
      refusing.set(true);
    }

    void stop() {
      stopped.set(true);
    }

    UniqueKillSwitch follow(long fromOffset) {
      offset.set(fromOffset);
      prune(fromOffset);
      RestartSettings restarts = RestartSettings.create(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2);
      return RestartSource.onFailuresWithBackoff(restarts,
              () -> Source.unfoldAsync(new Cursor(offset.get(), true, false), this::next)
                  .mapConcat(batch -> batch)
                  .mapAsync(1, this::handle))
          .viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.ignore(), Keep.left())
          .run(system);
    }

    // Rows at or below an offset handled are done for good (at start: the one the entity persisted);
    // the table keeps no history.
    private void prune(long upTo) {
      CompletableFuture.runAsync(() -> {
        try {
          outbox.prune(connectionId, hostId, upTo);
        } catch (SQLException e) {
          LOG.warn("Could not prune the write-back rows of connection {}: {}", connectionId, e.getMessage());
        }
      }, blocking);
    }

    private CompletionStage<Optional<Pair<Cursor, List<Work>>>> next(Cursor cursor) {
      Executor when = cursor.idle() ? CompletableFuture.delayedExecutor(settings.writeBackPollInterval().toMillis(),
          TimeUnit.MILLISECONDS, blocking) : blocking;
      return CompletableFuture.supplyAsync(() -> {
        try {
          return Optional.of(batch(cursor));
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      }, when);
    }

    // Untagged events are looked for once at the start (up to the end of the journal), then only
    // up to the rows just read: an idle poll costs one read of the outbox's primary key.
    private Pair<Cursor, List<Work>> batch(Cursor cursor) throws SQLException {
      List<Row> rows = outbox.after(connectionId, hostId, cursor.after(), BATCH);
      OptionalLong untagged = cursor.first() || !rows.isEmpty()
          ? outbox.lastUntagged(persistenceId, cursor.after(), CalendarWriteBack.untaggedSearchEnd(rows))
          : OptionalLong.empty();
      CalendarWriteBack.Batch plan = CalendarWriteBack.plan(cursor.after(), rows, untagged);
      List<Work> work = new ArrayList<>();
      plan.journalUpTo().ifPresent(upTo -> {
        LOG.info("Connection {} reads host {}'s journal events {} to {} (some untagged) before its outbox rows",
            connectionId, hostId, cursor.after() + 1, upTo);
        work.add(new FromJournal(cursor.after() + 1, upTo));
      });
      plan.rows().forEach(row -> work.add(new FromOutbox(row)));
      return Pair.create(new Cursor(plan.after(), false, rows.size() < BATCH), work);
    }

    private CompletionStage<Long> handle(Work work) {
      if (work instanceof FromOutbox w) {
        return handle(w.row().sequenceNr(), Optional.of(w.row()));
      }
      FromJournal range = (FromJournal) work;
      JdbcReadJournal journal = PersistenceQuery.get(system)
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      return journal.currentEventsByPersistenceId(persistenceId, range.from(), range.to())
          .mapAsync(1, envelope -> handle(envelope.sequenceNr(), envelope.event() instanceof HostCalendarEvent event
              ? CalendarWriteBack.rowOf(hostId, envelope.sequenceNr(), event) : Optional.<Row>empty()))
          .runWith(Sink.ignore(), system)
          .thenApply(done -> offset.get());
    }

    private CompletionStage<Long> handle(long sequenceNr, Optional<Row> row) {
      CompletionStage<Boolean> wrote = row.filter(r -> r.connectionId().equals(connectionId))
          .map(this::write).orElse(CompletableFuture.completedFuture(false));
      return wrote.thenApply(written -> {
        offset.set(sequenceNr);
        if (written) {
          entity.tell(new ConnectionReport.WriterProgress(sequenceNr));
          // Handled (written, or given up on and reported): the row is done whatever the entity
          // persists, so the outbox holds only the writes still owed (the console shows them).
          prune(sequenceNr);
        }
        return sequenceNr;
      });
    }

    private CompletionStage<Boolean> write(Row row) {
      Write write = switch (row.action()) {
        case UPSERT -> upsert(row.bookingId(), row.payload());
        case MOVE -> rescheduled(row.bookingId());
        case DELETE -> delete(row.bookingId());
      };
      return write(row.bookingId(), row.intentVersion(), write);
    }

    private interface Write {
      void run() throws ProviderException;
    }

    private Write upsert(String bookingId, CalendarWriteBack.Payload payload) {
      return () -> calendar.upsert(calendarId, eventOf(bookingId, payload));
    }

    // A reschedule carries only the new times; the rest of the booking comes from the host.
    private Write rescheduled(String bookingId) {
      return () -> calendar.upsert(calendarId, eventOf(bookingId, CalendarWriteBack.payloadOf(entities
          .<Booking>askHost(hostId, r -> new GetBooking(Access.verifiedHost(hostId), bookingId, r))
          .toCompletableFuture().join())));
    }

    private Write delete(String bookingId) {
      return () -> calendar.delete(calendarId, BookingEvent.keyFor(hostId, bookingId));
    }

    private CompletionStage<Boolean> write(String bookingId, long version, Write write) {
      return attempt(write, 0).thenCompose(failure -> report(bookingId, version, failure)).thenApply(reported -> true);
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
        if (stopped.get()) {
          // The writer was stopped (its connection removed or restarted): whoever runs next starts
          // again from the persisted offset; nothing is recorded for this write here.
          return CompletableFuture.failedFuture(new IllegalStateException("booking writer stopped"));
        }
        Duration delay = settings.retry().delayBefore(failures, null, ThreadLocalRandom.current()::nextDouble);
        LOG.warn("Writing a booking of host {} to connection {} failed: {}; retrying in {} ms",
            hostId, connectionId, outcome.failure(), delay.toMillis());
        return CompletableFuture.supplyAsync(() -> write, CompletableFuture.delayedExecutor(
            delay.toMillis(), TimeUnit.MILLISECONDS, blocking)).thenCompose(w -> attempt(w, failures + 1));
      });
    }

    private CompletionStage<Boolean> report(String bookingId, long version, String failure) {
      CalendarWriteStatus status = failure == null ? CalendarWriteStatus.WRITTEN : CalendarWriteStatus.FAILED;
      return entities.<Booking>askHost(hostId, r -> new RecordCalendarWrite(connectionId, bookingId, version,
              status, failure, r))
          // Only an unanswered report is sent again; a refusal (the booking is gone) ends it.
          .handle((ok, error) -> error == null || !(Failures.causeOf(error) instanceof java.util.concurrent.TimeoutException))
          .thenCompose(recorded -> recorded ? CompletableFuture.completedFuture(true)
              : CompletableFuture.supplyAsync(() -> true, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, blocking))
                  .thenCompose(again -> report(bookingId, version, failure)));
    }

    private BookingEvent eventOf(String bookingId, CalendarWriteBack.Payload payload) {
      return new BookingEvent(BookingEvent.keyFor(hostId, bookingId), payload.summary(), payload.description(),
          new Interval(payload.start(), payload.end()), payload.inviteeEmail());
    }
  }

  private record Outcome(String failure, boolean retry) {
    static final Outcome WRITTEN = new Outcome(null, false);
  }
}
