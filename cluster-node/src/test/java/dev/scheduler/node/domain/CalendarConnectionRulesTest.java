package dev.scheduler.node.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.node.domain.ConnectionDecision.FollowUp;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.connection.ConnectionEvent;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncFailed;
import dev.scheduler.protocol.connection.ConnectionEvent.SyncSucceeded;
import dev.scheduler.protocol.connection.ConnectionSetup;
import dev.scheduler.protocol.connection.ConnectionState;
import dev.scheduler.protocol.connection.ConnectionStatus;
import dev.scheduler.protocol.connection.ProviderKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A calendar connection's decisions and state changes, without an actor. */
class CalendarConnectionRulesTest {
  private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
  private static final ConnectionSetup GOOGLE = new ConnectionSetup("host-1", ProviderKind.GOOGLE, "ann@example.com",
      ZoneId.of("Europe/Paris"), "sealed-1", "primary", "ann@example.com");
  private static final ConnectionSetup FEED = new ConnectionSetup("host-1", ProviderKind.ICS, "https://x/feed.ics",
      ZoneId.of("Europe/Paris"), null, null, null);

  @Test
  void connectingCreatesOnceForItsHostAndRefusesAnotherHost() {
    var first = CalendarConnectionRules.connect(null, "c1", GOOGLE, NOW);
    assertThat(first).isInstanceOfSatisfying(ConnectionDecision.Persist.class, persist -> {
      assertThat(persist.then()).isEqualTo(FollowUp.START);
      assertThat(persist.event()).isInstanceOf(ConnectionEvent.Connected.class);
    });
    ConnectionState state = connected(GOOGLE);
    assertThat(state.status()).isEqualTo(ConnectionStatus.SYNCING);
    assertThat(CalendarConnectionRules.connect(state, "c1", GOOGLE, NOW))
        .isEqualTo(ConnectionDecision.answer(state.view()));
    ConnectionSetup otherHost = new ConnectionSetup("host-2", ProviderKind.ICS, "u", ZoneId.of("UTC"), null, null, null);
    assertRejected(CalendarConnectionRules.connect(state, "c1", otherHost, NOW), RejectionCode.CONFLICT);
  }

  @Test
  void removingClosesOnceAndRevokesTheGrantOnlyWhenAsked() {
    ConnectionState state = connected(GOOGLE);
    assertThat(followUp(CalendarConnectionRules.remove(state, true, NOW))).isEqualTo(FollowUp.CLOSE_AND_REVOKE_GRANT);
    assertThat(followUp(CalendarConnectionRules.remove(state, false, NOW))).isEqualTo(FollowUp.CLOSE);
    ConnectionState removed = CalendarConnectionEvolution.evolve(state, new ConnectionEvent.Removed(NOW));
    assertThat(removed.removed()).isTrue();
    assertThat(removed.sealedCredentials()).as("no credentials kept").isNull();
    assertThat(removed.syncs()).isFalse();
    assertThat(CalendarConnectionRules.remove(removed, true, NOW)).isEqualTo(ConnectionDecision.answer(removed.view()));
    assertRejected(CalendarConnectionRules.reconnect(removed, "sealed-2", NOW), RejectionCode.NOT_FOUND);
  }

  @Test
  void reconnectingRestartsWithTheNewCredentials() {
    ConnectionState disconnected = CalendarConnectionEvolution.evolve(connected(GOOGLE),
        new SyncFailed("revoked", ConnectionStatus.DISCONNECTED, NOW));
    var decision = CalendarConnectionRules.reconnect(disconnected, "sealed-2", NOW);
    assertThat(followUp(decision)).isEqualTo(FollowUp.RESTART);
    ConnectionState after = CalendarConnectionEvolution.evolve(disconnected, eventOf(decision));
    assertThat(after.sealedCredentials()).isEqualTo("sealed-2");
    assertThat(after.status()).isEqualTo(ConnectionStatus.SYNCING);
    assertThat(after.lastError()).as("the last error stays visible").isEqualTo("revoked");
  }

  @Test
  void onlyASyncingGoogleConnectionReadsItsAccount() {
    assertThat(CalendarConnectionRules.readsItsAccount(connected(GOOGLE))).isEqualTo(ConnectionDecision.none());
    assertRejected(CalendarConnectionRules.readsItsAccount(connected(FEED)), RejectionCode.INVALID_REQUEST);
    ConnectionState disconnected = CalendarConnectionEvolution.evolve(connected(GOOGLE),
        new SyncFailed("revoked", ConnectionStatus.DISCONNECTED, NOW));
    assertRejected(CalendarConnectionRules.readsItsAccount(disconnected), RejectionCode.INVALID_REQUEST);
  }

  @Test
  void aSteadyStreamOfSuccessesIsPersistedAtMostEveryFiveMinutes() {
    ConnectionState state = connected(GOOGLE);
    var first = CalendarConnectionRules.synced(state, 3, NOW);
    assertThat(followUp(first)).isEqualTo(FollowUp.STOP_UNLESS_SYNCING);
    ConnectionState ok = CalendarConnectionEvolution.evolve(state, eventOf(first));
    assertThat(ok.status()).isEqualTo(ConnectionStatus.OK);
    assertThat(ok.busyIntervals()).isEqualTo(3);
    assertThat(CalendarConnectionRules.synced(ok, 3, NOW.plusSeconds(60))).isEqualTo(ConnectionDecision.none());
    assertThat(eventOf(CalendarConnectionRules.synced(ok, 4, NOW.plusSeconds(60)))).isInstanceOf(SyncSucceeded.class);
    Instant later = NOW.plus(CalendarConnectionRules.SUCCESS_REFRESH);
    assertThat(eventOf(CalendarConnectionRules.synced(ok, 3, later))).isInstanceOf(SyncSucceeded.class);
  }

  @Test
  void aRevokedGrantDisconnectsAndARepeatedFailureIsNotPersistedAgain() {
    ConnectionState state = connected(GOOGLE);
    var revoked = CalendarConnectionRules.failed(state, "invalid_grant", true, NOW);
    ConnectionState disconnected = CalendarConnectionEvolution.evolve(state, eventOf(revoked));
    assertThat(disconnected.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
    assertThat(disconnected.syncs()).isFalse();
    assertThat(CalendarConnectionRules.failed(disconnected, "invalid_grant", true, NOW.plusSeconds(1)))
        .isEqualTo(ConnectionDecision.none());
    ConnectionState degraded = CalendarConnectionEvolution.evolve(state,
        eventOf(CalendarConnectionRules.failed(state, "503", false, NOW)));
    assertThat(degraded.status()).isEqualTo(ConnectionStatus.DEGRADED);
  }

  @Test
  void aFatalFailureOrTooManyInARowQuarantineForLongerEachTimeUntilASuccess() {
    var policy = new QuarantinePolicy(3, Duration.ofMinutes(5), Duration.ofMinutes(30));
    ConnectionState state = connected(FEED);
    var second = CalendarConnectionRules.failed(state, new CalendarConnectionRules.Failure("5xx", false, false, 2),
        policy, NOW);
    assertThat(eventOf(second)).isInstanceOf(SyncFailed.class);

    var third = CalendarConnectionRules.failed(state, new CalendarConnectionRules.Failure("5xx", false, false, 3),
        policy, NOW);
    assertThat(followUp(third)).isEqualTo(FollowUp.QUARANTINE);
    ConnectionState once = CalendarConnectionEvolution.evolve(state, eventOf(third));
    assertThat(once.status()).isEqualTo(ConnectionStatus.QUARANTINED);
    assertThat(once.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(once.view().nextRetryAt()).isEqualTo(once.retryAt());
    assertThat(once.syncs()).as("its sync waits, it does not stop").isTrue();

    ConnectionState twice = CalendarConnectionEvolution.evolve(once, eventOf(CalendarConnectionRules.failed(once,
        new CalendarConnectionRules.Failure("too large", false, true, 1), policy, NOW)));
    assertThat(twice.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    ConnectionState often = twice;
    for (int i = 0; i < 5; i++) {
      often = CalendarConnectionEvolution.evolve(often, eventOf(CalendarConnectionRules.failed(often,
          new CalendarConnectionRules.Failure("too large", false, true, 1), policy, NOW)));
    }
    assertThat(often.retryAt()).as("capped").isEqualTo(NOW.plus(Duration.ofMinutes(30)));

    ConnectionState recovered = CalendarConnectionEvolution.evolve(often, new SyncSucceeded(2, NOW));
    assertThat(recovered.status()).isEqualTo(ConnectionStatus.OK);
    assertThat(recovered.retryAt()).isNull();
    assertThat(recovered.quarantines()).isZero();
    ConnectionState removed = CalendarConnectionEvolution.evolve(often, new ConnectionEvent.Removed(NOW));
    assertThat(CalendarConnectionRules.failed(removed, new CalendarConnectionRules.Failure("x", false, true, 9),
        policy, NOW)).isEqualTo(ConnectionDecision.none());
  }

  @Test
  void theWriterOffsetOnlyMovesForwardAndARemovedConnectionRecordsNothing() {
    ConnectionState state = connected(GOOGLE);
    ConnectionState at7 = CalendarConnectionEvolution.evolve(state, eventOf(CalendarConnectionRules.writerProgressed(state, 7)));
    assertThat(at7.writerOffset()).isEqualTo(7);
    assertThat(CalendarConnectionRules.writerProgressed(at7, 5)).isEqualTo(ConnectionDecision.none());
    ConnectionState removed = CalendarConnectionEvolution.evolve(at7, new ConnectionEvent.Removed(NOW));
    assertThat(CalendarConnectionRules.writerProgressed(removed, 9)).isEqualTo(ConnectionDecision.none());
    assertThat(CalendarConnectionRules.synced(removed, 1, NOW)).isEqualTo(ConnectionDecision.none());
    assertThat(CalendarConnectionRules.credentialsRefreshed(removed, "s", NOW)).isEqualTo(ConnectionDecision.none());
  }

  @Test
  void aPausedConnectionReadsNothingUntilResumedAndIgnoresLateReportsOfItsStoppedSync() {
    ConnectionState ok = CalendarConnectionEvolution.evolve(connected(FEED), new SyncSucceeded(3, NOW));
    var pause = CalendarConnectionRules.pause(ok, NOW);
    assertThat(followUp(pause)).isEqualTo(FollowUp.PAUSE);
    ConnectionState paused = CalendarConnectionEvolution.evolve(ok, eventOf(pause));
    assertThat(paused.status()).isEqualTo(ConnectionStatus.PAUSED);
    assertThat(paused.view().status().wireName()).isEqualTo("paused");
    assertThat(paused.reads()).isFalse();
    assertThat(paused.syncs()).as("its booking writer goes on").isTrue();
    assertThat(paused.busyIntervals()).as("its last busy time still counts").isEqualTo(3);
    assertThat(CalendarConnectionRules.pause(paused, NOW)).isEqualTo(ConnectionDecision.answer(paused.view()));
    assertThat(CalendarConnectionRules.synced(paused, 5, NOW)).isEqualTo(ConnectionDecision.none());
    assertThat(CalendarConnectionRules.failed(paused, "timeout", false, NOW)).isEqualTo(ConnectionDecision.none());
    assertThat(CalendarConnectionEvolution.evolve(paused, new ConnectionEvent.Reconnected("sealed-2", NOW)).status())
        .as("new credentials do not resume").isEqualTo(ConnectionStatus.PAUSED);

    var resume = CalendarConnectionRules.resume(paused, NOW);
    assertThat(followUp(resume)).isEqualTo(FollowUp.RESUME);
    ConnectionState resumed = CalendarConnectionEvolution.evolve(paused, eventOf(resume));
    assertThat(resumed.status()).isEqualTo(ConnectionStatus.SYNCING);
    assertThat(resumed.reads()).isTrue();
    assertThat(CalendarConnectionRules.resume(resumed, NOW)).isEqualTo(ConnectionDecision.answer(resumed.view()));
  }

  @Test
  void aPauseEndsAQuarantineAndADisconnectedOrRemovedConnectionIsNotPaused() {
    ConnectionState quarantined = CalendarConnectionEvolution.evolve(connected(FEED),
        new ConnectionEvent.Quarantined("too big", NOW.plus(Duration.ofHours(1)), 2, NOW));
    ConnectionState paused = CalendarConnectionEvolution.evolve(quarantined,
        eventOf(CalendarConnectionRules.pause(quarantined, NOW)));
    assertThat(paused.retryAt()).isNull();
    assertThat(paused.quarantines()).isZero();

    ConnectionState disconnected = CalendarConnectionEvolution.evolve(connected(GOOGLE),
        new SyncFailed("revoked", ConnectionStatus.DISCONNECTED, NOW));
    assertRejected(CalendarConnectionRules.pause(disconnected, NOW), RejectionCode.CONFLICT);
    ConnectionState removed = CalendarConnectionEvolution.evolve(paused, new ConnectionEvent.Removed(NOW));
    assertRejected(CalendarConnectionRules.pause(removed, NOW), RejectionCode.NOT_FOUND);
    assertRejected(CalendarConnectionRules.resume(removed, NOW), RejectionCode.NOT_FOUND);
  }

  private static ConnectionState connected(ConnectionSetup setup) {
    return CalendarConnectionEvolution.evolve(null, eventOf(CalendarConnectionRules.connect(null, "c1", setup,
        NOW.minus(Duration.ofDays(1)))));
  }

  private static ConnectionEvent eventOf(ConnectionDecision<?> decision) {
    assertThat(decision).isInstanceOf(ConnectionDecision.Persist.class);
    return ((ConnectionDecision.Persist<?>) decision).event();
  }

  private static FollowUp followUp(ConnectionDecision<?> decision) {
    assertThat(decision).isInstanceOf(ConnectionDecision.Persist.class);
    return ((ConnectionDecision.Persist<?>) decision).then();
  }

  private static void assertRejected(ConnectionDecision<?> decision, RejectionCode code) {
    assertThat(decision).isInstanceOfSatisfying(ConnectionDecision.Reject.class,
        reject -> assertThat(reject.rejection().code()).isEqualTo(code));
  }
}
