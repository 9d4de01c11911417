package dev.scheduler.harness.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushNotificationsTest {
  private static final String USER = FakeGoogleCalendar.DEFAULT_USER;
  private static final Duration QUIET = Duration.ofMillis(300);

  private FakeGoogleCalendar fake;
  private NotificationReceiver receiver;
  private Calendar client;
  private int events;

  @BeforeEach
  void start() {
    fake = new FakeGoogleCalendar().start();
    receiver = new NotificationReceiver();
    client = RealGoogleClients.connected(fake, USER);
  }

  @AfterEach
  void stop() {
    receiver.close();
    fake.close();
  }

  private Channel watch(String id) throws Exception {
    return client.events().watch("primary", new Channel().setId(id).setType("web_hook")
        .setAddress(receiver.url()).setToken("node=1").setParams(Map.of("ttl", "3600"))).execute();
  }

  /** Watches and consumes the initial "sync" message. */
  private Channel watched() throws Exception {
    Channel channel = watch("channel-" + System.nanoTime());
    assertThat(receiver.next().header("X-Goog-Resource-State")).isEqualTo("sync");
    return channel;
  }

  private String userAddsAnEvent() {
    ZonedDateTime start = ZonedDateTime.of(2030, 3, 4, 9, 0, 0, 0, ZoneOffset.UTC).plusDays(events++);
    return fake.putEvent(USER, EventJson.timed(start, start.plusHours(1)));
  }

  /** The fake records an attempt once the receiver's answer is in, a moment after it arrives. */
  private List<SentNotification> sentNotifications(int expected) throws InterruptedException {
    for (int i = 0; i < 50 && fake.notifications().size() < expected; i++) {
      Thread.sleep(20);
    }
    return fake.notifications();
  }

  @Test
  void watchAnswersAStringExpirationThenSyncAndExistsArriveWithGooglesHeaders() throws Exception {
    Instant before = Instant.now();
    Channel channel = watch("channel-1");

    assertThat(channel.getKind()).isEqualTo("api#channel");
    assertThat(channel.getExpiration()).isBetween(before.plusSeconds(3599).toEpochMilli(),
        Instant.now().plusSeconds(3600).toEpochMilli());
    assertThat(channel.getResourceId()).isNotBlank();
    NotificationReceiver.Received sync = receiver.next();
    assertThat(sync.header("method")).isEqualTo("POST");
    assertThat(sync.bodyLength()).isZero();
    assertThat(sync.header("User-Agent")).startsWith("APIs-Google");
    assertThat(sync.header("X-Goog-Channel-ID")).isEqualTo("channel-1");
    assertThat(sync.header("X-Goog-Message-Number")).isEqualTo("1");
    assertThat(sync.header("X-Goog-Resource-State")).isEqualTo("sync");
    assertThat(sync.header("X-Goog-Resource-ID")).isEqualTo(channel.getResourceId());
    assertThat(sync.header("X-Goog-Resource-URI")).isEqualTo(channel.getResourceUri())
        .endsWith("/calendar/v3/calendars/primary/events?alt=json");
    assertThat(sync.header("X-Goog-Channel-Token")).isEqualTo("node=1");
    assertThat(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US)
        .parse(sync.header("X-Goog-Channel-Expiration"))))
        .isEqualTo(Instant.ofEpochMilli(channel.getExpiration() / 1000 * 1000));

    userAddsAnEvent();
    NotificationReceiver.Received exists = receiver.next();
    assertThat(exists.header("X-Goog-Resource-State")).isEqualTo("exists");
    assertThat(exists.messageNumber()).isGreaterThan(1);

    client.events().delete("primary", userAddsAnEvent()).execute(); // the app's own writes notify too
    assertThat(receiver.next().messageNumber()).isGreaterThan(exists.messageNumber());
    assertThat(receiver.next().header("X-Goog-Resource-State")).isEqualTo("exists");
  }

  @Test
  void stoppedChannelFallsSilent() throws Exception {
    Channel channel = watched();
    client.channels().stop(new Channel().setId(channel.getId()).setResourceId(channel.getResourceId()))
        .execute();

    assertThat(fake.requests().withStatus(204)).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("/calendar/v3/channels/stop"));
    assertThat(fake.channels()).singleElement().satisfies(c -> assertThat(c.stopped()).isTrue());
    userAddsAnEvent();
    receiver.assertNothingWithin(QUIET);
  }

  @Test
  void stopNeedsTheRightResourceIdAndChannelIdsAreUnique() throws Exception {
    Channel channel = watched();
    assertThatThrownBy(() -> client.channels().stop(new Channel().setId(channel.getId())
        .setResourceId("wrong")).execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> watch(channel.getId()))
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(
            e.getDetails().getErrors().get(0).getReason()).isEqualTo("channelIdNotUnique"));
  }

  @Test
  void expiredChannelFallsSilent() throws Exception {
    watched();
    fake.expireChannelsNow();
    userAddsAnEvent();
    receiver.assertNothingWithin(QUIET);
    assertThat(fake.channels()).singleElement().satisfies(c -> assertThat(c.expired()).isTrue());
  }

  @Test
  void duplicatedNotificationRepeatsItsMessageNumber() throws Exception {
    watched();
    fake.faults().notifications().duplicateNext(1);
    userAddsAnEvent();
    long first = receiver.next().messageNumber();
    assertThat(receiver.next().messageNumber()).isEqualTo(first);
    receiver.assertNothingWithin(QUIET);
  }

  @Test
  void reorderedNotificationsArriveWithFallingMessageNumbers() throws Exception {
    watched();
    fake.faults().notifications().reorderNextTwo();
    userAddsAnEvent();
    receiver.assertNothingWithin(QUIET); // held back until the next one
    userAddsAnEvent();
    long arrivedFirst = receiver.next().messageNumber();
    assertThat(receiver.next().messageNumber()).isLessThan(arrivedFirst);
  }

  @Test
  void droppedNotificationNeverArrivesButUsesUpItsNumber() throws Exception {
    watched();
    fake.faults().notifications().dropNext(1);
    userAddsAnEvent();
    receiver.assertNothingWithin(QUIET);
    userAddsAnEvent();
    long received = receiver.next().messageNumber();

    assertThat(sentNotifications(3)).extracting(SentNotification::receiverStatus)
        .containsExactly(200, 0, 200);
    assertThat(received).isGreaterThan(fake.notifications().get(1).messageNumber());
  }

  @Test
  void notificationCanArriveBeforeTheChangeIsVisible() throws Exception {
    watched();
    fake.faults().notifications().deliverBeforeNextChange(Duration.ofMillis(500));
    String id = userAddsAnEvent();

    assertThat(receiver.next().header("X-Goog-Resource-State")).isEqualTo("exists");
    assertThat(client.events().list("primary").execute().getItems()).isEmpty();
    Thread.sleep(700);
    assertThat(client.events().list("primary").execute().getItems()).singleElement()
        .satisfies(e -> assertThat(e.getId()).isEqualTo(id));
    receiver.assertNothingWithin(QUIET); // the late change does not notify a second time
  }

  @Test
  void stoppedChannelCanKeepFiring() throws Exception {
    Channel channel = watched();
    fake.faults().notifications().stoppedChannelsKeepFiring();
    client.channels().stop(new Channel().setId(channel.getId()).setResourceId(channel.getResourceId()))
        .execute();
    userAddsAnEvent();
    assertThat(receiver.next().header("X-Goog-Channel-ID")).isEqualTo(channel.getId());
  }

  @Test
  void receiverServerErrorsAreRetried() throws Exception {
    receiver.answerNext(503);
    watch("retried");
    NotificationReceiver.Received first = receiver.next();
    NotificationReceiver.Received retry = receiver.next();
    assertThat(retry.messageNumber()).isEqualTo(first.messageNumber()).isEqualTo(1);
    assertThat(sentNotifications(2)).extracting(SentNotification::receiverStatus)
        .containsExactly(503, 200);
  }
}
