package dev.scheduler.node.provider.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Channel;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import dev.scheduler.node.provider.AccountDirectory;
import dev.scheduler.node.provider.BookingCalendar;
import dev.scheduler.node.provider.BookingEvent;
import dev.scheduler.node.provider.BusyTimeSource;
import dev.scheduler.node.provider.ChangeNotifications;
import dev.scheduler.node.provider.ChangePage;
import dev.scheduler.node.provider.ProviderException;
import dev.scheduler.node.provider.SyncCursor;
import dev.scheduler.protocol.connection.AccountCalendars;
import dev.scheduler.protocol.model.Interval;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Google connection, through the official client: reads busy time with full and incremental
 * sync (recurring events expanded, every page followed by the caller), writes booking events under
 * ids derived from the booking, opens push channels, and lists the account's calendars.
 */
public final class GoogleCalendarSource
    implements BusyTimeSource, BookingCalendar, ChangeNotifications, AccountDirectory {
  private final Calendar client;
  private final int pageSize;

  public GoogleCalendarSource(Calendar client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  @Override
  public ChangePage read(String calendarId, SyncCursor cursor, Interval window) throws ProviderException {
    try {
      Calendar.Events.List request = client.events().list(calendarId)
          .setSingleEvents(true)
          .setMaxResults(pageSize)
          .setPageToken(cursor.pageToken());
      if (cursor.isFullSync()) {
        request.setTimeMin(new DateTime(window.start().toEpochMilli()))
            .setTimeMax(new DateTime(window.end().toEpochMilli()));
      } else {
        request.setSyncToken(cursor.syncToken());
      }
      return page(request.execute(), cursor);
    } catch (IOException e) {
      throw GoogleErrors.translate("Reading calendar " + calendarId, e);
    }
  }

  @Override
  public void upsert(String calendarId, BookingEvent booking) throws ProviderException {
    Event event = eventOf(booking);
    try {
      client.events().insert(calendarId, event.setId(booking.key())).execute();
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() != 409) {
        throw GoogleErrors.translate("Writing a booking to " + calendarId, e);
      }
      // The id exists: an earlier attempt went through, or this is a reschedule. Make it match.
      patch(calendarId, booking.key(), eventOf(booking).setStatus("confirmed"));
    } catch (IOException e) {
      throw GoogleErrors.translate("Writing a booking to " + calendarId, e);
    }
  }

  @Override
  public void delete(String calendarId, String eventKey) throws ProviderException {
    try {
      client.events().delete(calendarId, eventKey).execute();
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() != 404 && e.getStatusCode() != 410) {
        throw GoogleErrors.translate("Removing a booking from " + calendarId, e);
      }
    } catch (IOException e) {
      throw GoogleErrors.translate("Removing a booking from " + calendarId, e);
    }
  }

  @Override
  public WatchChannel watch(String calendarId, String channelId, String address, String token, Instant expiry)
      throws ProviderException {
    Channel request = new Channel().setId(channelId).setType("web_hook").setAddress(address).setToken(token)
        .setExpiration(expiry.toEpochMilli());
    try {
      Channel channel = client.events().watch(calendarId, request).execute();
      Instant granted = channel.getExpiration() == null ? expiry : Instant.ofEpochMilli(channel.getExpiration());
      return new WatchChannel(channel.getId(), channel.getResourceId(), granted);
    } catch (IOException e) {
      throw GoogleErrors.translate("Watching calendar " + calendarId, e);
    }
  }

  @Override
  public void stop(WatchChannel channel) throws ProviderException {
    try {
      client.channels().stop(new Channel().setId(channel.channelId()).setResourceId(channel.resourceId())).execute();
    } catch (GoogleJsonResponseException e) {
      if (e.getStatusCode() != 404) {
        throw GoogleErrors.translate("Stopping channel " + channel.channelId(), e);
      }
    } catch (IOException e) {
      throw GoogleErrors.translate("Stopping channel " + channel.channelId(), e);
    }
  }

  @Override
  public AccountCalendars calendars() throws ProviderException {
    List<AccountCalendars.AccountCalendar> calendars = new ArrayList<>();
    String account = null;
    String pageToken = null;
    try {
      do {
        CalendarList page = client.calendarList().list().setPageToken(pageToken).execute();
        for (CalendarListEntry entry : page.getItems() == null ? List.<CalendarListEntry>of() : page.getItems()) {
          boolean primary = Boolean.TRUE.equals(entry.getPrimary());
          account = primary ? entry.getId() : account;
          calendars.add(new AccountCalendars.AccountCalendar(entry.getId(), entry.getSummary(), primary,
              entry.getAccessRole(), entry.getTimeZone()));
        }
        pageToken = page.getNextPageToken();
      } while (pageToken != null);
      return new AccountCalendars(account, calendars);
    } catch (IOException e) {
      throw GoogleErrors.translate("Listing the account's calendars", e);
    }
  }

  private void patch(String calendarId, String eventId, Event event) throws ProviderException {
    try {
      client.events().patch(calendarId, eventId, event).execute();
    } catch (IOException e) {
      throw GoogleErrors.translate("Updating a booking in " + calendarId, e);
    }
  }

  private static ChangePage page(Events events, SyncCursor cursor) {
    ZoneId calendarZone = events.getTimeZone() == null ? ZoneId.of("UTC") : ZoneId.of(events.getTimeZone());
    Map<String, Interval> busy = new HashMap<>();
    List<String> notBusy = new ArrayList<>();
    if (events.getItems() != null) {
      for (Event event : events.getItems()) {
        Optional<Interval> blocked = GoogleBusyMapping.busyOf(event, calendarZone);
        blocked.ifPresentOrElse(b -> busy.put(event.getId(), b), () -> notBusy.add(event.getId()));
      }
    }
    if (events.getNextPageToken() != null) {
      return new ChangePage(busy, notBusy, cursor.nextPage(events.getNextPageToken()), false);
    }
    return new ChangePage(busy, notBusy, SyncCursor.incremental(events.getNextSyncToken()), true);
  }

  private static Event eventOf(BookingEvent booking) {
    Event event = new Event()
        .setSummary(booking.summary())
        .setDescription(booking.description())
        .setStart(new EventDateTime().setDateTime(new DateTime(booking.time().start().toEpochMilli())))
        .setEnd(new EventDateTime().setDateTime(new DateTime(booking.time().end().toEpochMilli())));
    if (booking.inviteeEmail() != null) {
      event.setAttendees(List.of(new EventAttendee().setEmail(booking.inviteeEmail())));
    }
    return event;
  }
}
