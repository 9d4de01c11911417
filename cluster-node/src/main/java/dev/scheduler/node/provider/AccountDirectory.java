package dev.scheduler.node.provider;

import dev.scheduler.protocol.connection.AccountCalendars;

/** A provider account that holds several calendars, so the host can choose among them. */
public interface AccountDirectory {

  /** Every calendar the account lists, all pages followed. */
  AccountCalendars calendars() throws ProviderException;
}
