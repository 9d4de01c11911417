package dev.scheduler.node.connection;

import dev.scheduler.node.calendars.BusyTimeSource;

/** The source a connection reads from, and the calendar in it that counts for conflicts. */
public record SourceBinding(BusyTimeSource source, String calendarId) {}
