package dev.scheduler.node.testkit;

import dev.scheduler.node.domain.HostCalendarEvolution;
import dev.scheduler.protocol.calendar.HostCalendarEntityKey;
import dev.scheduler.protocol.calendar.HostCalendarEvent;
import dev.scheduler.protocol.calendar.HostCalendarState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Sink;

/** Reads a host's events back from the journal and replays them, independent of any entity. */
public final class JournalReader {
  private JournalReader() {}

  public static HostCalendarState replay(ActorSystem<?> system, String hostId) throws Exception {
    JdbcReadJournal journal = PersistenceQuery.get(system)
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    String persistenceId = PersistenceId.of(HostCalendarEntityKey.ENTITY_KEY.name(), hostId).id();
    List<EventEnvelope> envelopes = journal.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    HostCalendarState state = null;
    for (EventEnvelope envelope : envelopes) {
      state = HostCalendarEvolution.evolve(state, (HostCalendarEvent) envelope.event());
    }
    return state;
  }
}
