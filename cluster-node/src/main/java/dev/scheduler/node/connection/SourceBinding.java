package dev.scheduler.node.connection;

import dev.scheduler.node.calendars.BusyTimeSource;
import dev.scheduler.node.calendars.ChangeNotifications;
import java.util.Optional;

/**
 * The source a connection reads from, the calendar in it that counts for conflicts, and its push
 * notifications where the provider has them.
 */
public record SourceBinding(BusyTimeSource source, String calendarId, Optional<ChangeNotifications> notifications) {

  public SourceBinding(BusyTimeSource source, String calendarId) {
    this(source, calendarId, Optional.empty());
  }
}
