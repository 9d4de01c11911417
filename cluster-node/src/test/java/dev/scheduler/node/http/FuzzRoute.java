package dev.scheduler.node.http;

import java.util.List;

/**
 * One route of the API as the fuzz test sends it: a path with placeholders ({host}, {slug},
 * {booking}, {source}, {connection}), query parameters, a valid JSON body to mutate (or null) and
 * the credential a real caller would present.
 */
record FuzzRoute(String method, String pathTemplate, List<String> queryNames, String validBody, Caller caller) {

  enum Caller { ANONYMOUS, HOST, ADMIN, BOOKING }

  static final String SCHEDULE = """
      {"timeZone":"America/New_York","weekly":{"MONDAY":[{"start":"09:00","end":"17:00"}],
       "TUESDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}]},
       "overrides":[{"date":"2027-03-10","intervals":[{"start":"10:00","end":"11:00"}]}]}""";
  static final String EVENT_TYPE = """
      {"title":"Intro","durationMinutes":30,"slotIntervalMinutes":15,"bufferBeforeMinutes":5,
       "bufferAfterMinutes":5,"minimumNoticeMinutes":60,"bookingWindow":{"kind":"rolling","days":30},
       "maxBookingsPerDay":4,"inviteeChangeCutoffMinutes":30}""";
  static final String BOOKING = """
      {"eventType":"intro","start":"2027-03-02T15:00:00Z",
       "invitee":{"name":"Bo","email":"bo@example.com","timeZone":"Europe/Paris"},"notes":"Hello"}""";

  /** Every route of the API, each with the body and credential a well-behaved caller would use. */
  static List<FuzzRoute> all() {
    return List.of(
        new FuzzRoute("POST", "/api/v1/hosts", List.of(),
            "{\"name\":\"Fuzz Host\",\"email\":\"fuzz@example.com\",\"timeZone\":\"UTC\"}", Caller.ADMIN),
        new FuzzRoute("GET", "/api/v1/hosts/{host}", List.of(), null, Caller.HOST),
        new FuzzRoute("PUT", "/api/v1/hosts/{host}/schedule", List.of(), SCHEDULE, Caller.HOST),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/schedule", List.of(), null, Caller.HOST),
        new FuzzRoute("POST", "/api/v1/hosts/{host}/tokens", List.of(), null, Caller.HOST),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/event-types", List.of(), null, Caller.ANONYMOUS),
        new FuzzRoute("PUT", "/api/v1/hosts/{host}/event-types/{slug}", List.of(), EVENT_TYPE, Caller.HOST),
        new FuzzRoute("PUT", "/api/v1/hosts/{host}/busy/{source}", List.of(),
            "{\"intervals\":[{\"start\":\"2027-03-03T10:00:00-05:00\",\"end\":\"2027-03-03T11:00:00-05:00\"}]}",
            Caller.HOST),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/event-types/{slug}/slots",
            List.of("start", "end", "timeZone"), null, Caller.ANONYMOUS),
        new FuzzRoute("POST", "/api/v1/hosts/{host}/bookings", List.of(), BOOKING, Caller.ANONYMOUS),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/bookings", List.of("from", "to", "status"), null, Caller.HOST),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/bookings/{booking}", List.of("token"), null, Caller.BOOKING),
        new FuzzRoute("POST", "/api/v1/hosts/{host}/bookings/{booking}/cancel", List.of(),
            "{\"reason\":\"Cannot make it\"}", Caller.BOOKING),
        new FuzzRoute("POST", "/api/v1/hosts/{host}/bookings/{booking}/reschedule", List.of(),
            "{\"start\":\"2027-03-02T16:00:00Z\"}", Caller.BOOKING),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/analytics", List.of("from", "to"), null, Caller.HOST),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/calendars", List.of(), null, Caller.HOST),
        new FuzzRoute("POST", "/api/v1/hosts/{host}/calendars/ics", List.of(),
            "{\"url\":\"https://calendar.example.com/feed.ics\"}", Caller.HOST),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/calendars/google/connect", List.of(), null, Caller.HOST),
        new FuzzRoute("GET", "/api/v1/hosts/{host}/calendars/{connection}/account-calendars", List.of(), null,
            Caller.HOST),
        new FuzzRoute("POST", "/api/v1/hosts/{host}/calendars/{connection}/account-calendars", List.of(),
            "{\"calendarId\":\"primary\"}", Caller.HOST),
        new FuzzRoute("PUT", "/api/v1/hosts/{host}/calendars/{connection}", List.of(),
            "{\"countsForConflicts\":true,\"receivesBookings\":false}", Caller.HOST),
        new FuzzRoute("DELETE", "/api/v1/hosts/{host}/calendars/{connection}", List.of(), null, Caller.HOST),
        new FuzzRoute("GET", "/api/v1/admin/cluster", List.of(), null, Caller.ADMIN),
        new FuzzRoute("GET", "/health/alive", List.of(), null, Caller.ANONYMOUS),
        new FuzzRoute("GET", "/health/ready", List.of(), null, Caller.ANONYMOUS),
        new FuzzRoute("GET", "/oauth/google/callback", List.of("code", "state", "error"), null, Caller.ANONYMOUS),
        new FuzzRoute("POST", "/webhooks/google", List.of(), "{}", Caller.ANONYMOUS));
  }

  List<String> placeholders() {
    return List.of("{host}", "{slug}", "{booking}", "{source}", "{connection}").stream()
        .filter(pathTemplate::contains).toList();
  }

  @Override
  public String toString() {
    return method + " " + pathTemplate;
  }
}
