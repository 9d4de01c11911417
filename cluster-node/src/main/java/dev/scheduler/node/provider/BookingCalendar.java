package dev.scheduler.node.provider;

/**
 * An external calendar that bookings are written to. Writes are idempotent on the booking's event
 * key, so that the outbox can retry until done: Google takes it as the client-supplied event id (a
 * 409 on retry means it exists), Microsoft Graph as the {@code transactionId} of a create.
 */
public interface BookingCalendar {

  /** Creates the booking's event, or updates it when it exists. */
  void upsert(String calendarId, BookingEvent event) throws ProviderException;

  /** Removes the booking's event; removing one that is gone already is not an error. */
  void delete(String calendarId, String eventKey) throws ProviderException;
}
