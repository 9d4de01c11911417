package dev.scheduler.harness.baseline;

import dev.scheduler.harness.baseline.ApiShapes.CreateHostRequest;
import dev.scheduler.harness.baseline.ApiShapes.Day;
import dev.scheduler.harness.baseline.ApiShapes.EventTypeRequest;
import dev.scheduler.harness.baseline.ApiShapes.EventTypeResponse;
import dev.scheduler.harness.baseline.ApiShapes.HostResponse;
import dev.scheduler.harness.baseline.ApiShapes.ScheduleJson;
import dev.scheduler.harness.baseline.ApiShapes.SlotJson;
import dev.scheduler.harness.baseline.ApiShapes.SlotsResponse;
import dev.scheduler.harness.baseline.BookingSql.BookContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hosts, what they publish (schedule, event types), and the public slot listing. */
final class HostService {
  static final int MAX_LISTING_DAYS = 62;

  private final ConnectionPool pool;
  private final BookingSql bookings;
  private final CallerTokens credentials;
  private final Clock clock;
  private final String insertHost;
  private final String tokenHash;
  private final String setSchedule;
  private final String saveEventType;

  HostService(Strategy strategy, ConnectionPool pool, BookingSql bookings, CallerTokens credentials, Clock clock) {
    this.pool = pool;
    this.bookings = bookings;
    this.credentials = credentials;
    this.clock = clock;
    String s = strategy.schema();
    this.insertHost = "INSERT INTO " + s + ".hosts (id, name, email, time_zone, token_hash, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    this.tokenHash = "SELECT token_hash FROM " + s + ".hosts WHERE id = ?";
    this.setSchedule = "UPDATE " + s + ".hosts SET schedule = ? WHERE id = ?";
    this.saveEventType = "INSERT INTO " + s + ".event_types (host_id, slug, title, duration_minutes,"
        + " slot_interval_minutes, buffer_before_minutes, buffer_after_minutes, minimum_notice_minutes,"
        + " booking_window_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (host_id, slug) DO UPDATE SET"
        + " title = excluded.title, duration_minutes = excluded.duration_minutes,"
        + " slot_interval_minutes = excluded.slot_interval_minutes,"
        + " buffer_before_minutes = excluded.buffer_before_minutes,"
        + " buffer_after_minutes = excluded.buffer_after_minutes,"
        + " minimum_notice_minutes = excluded.minimum_notice_minutes,"
        + " booking_window_days = excluded.booking_window_days";
  }

  /** {@code POST /api/v1/hosts}: admin only; the API token is shown this once. */
  HostResponse createHost(String token, String body) throws SQLException {
    if (token == null) {
      throw HttpRefusal.unauthorized("Creating a host needs the admin token.");
    }
    if (!credentials.isAdmin(token)) {
      throw HttpRefusal.forbidden("Creating a host needs the admin token.");
    }
    CreateHostRequest json = JsonIo.read(body, CreateHostRequest.class);
    String name = Requests.text("name", json.name());
    String email = Requests.email("email", json.email());
    ZoneId zone = Requests.zone("timeZone", json.timeZone());
    String id = IdsAndTokens.newId();
    String apiToken = IdsAndTokens.newHostToken(id);
    pool.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(insertHost)) {
        ps.setString(1, id);
        ps.setString(2, name);
        ps.setString(3, email);
        ps.setString(4, zone.getId());
        ps.setString(5, IdsAndTokens.sha256Hex(apiToken));
        ps.setObject(6, BookingSql.utc(clock.instant()));
        return ps.executeUpdate();
      }
    });
    return new HostResponse(id, name, email, zone.getId(), apiToken);
  }

  /** {@code PUT .../schedule}: the host; answers the schedule as stored (ranges sorted). */
  ScheduleJson putSchedule(String hostId, String token, String body) throws SQLException {
    CallerAccess access = credentials.accessTo(hostId, token);
    WeeklySchedule schedule = WeeklySchedule.fromJson(JsonIo.read(body, ScheduleJson.class));
    ScheduleJson stored = schedule.toJson();
    pool.withConnection(c -> {
      requireHost(c, hostId, access);
      try (PreparedStatement ps = c.prepareStatement(setSchedule)) {
        ps.setString(1, JsonIo.writeString(stored));
        ps.setString(2, hostId);
        return ps.executeUpdate();
      }
    });
    return stored;
  }

  /** {@code PUT .../event-types/{slug}}: the host; creates or replaces. */
  EventTypeResponse putEventType(String hostId, String slug, String token, String body) throws SQLException {
    CallerAccess access = credentials.accessTo(hostId, token);
    EventTypeDef type = EventTypeDef.fromJson(slug, JsonIo.read(body, EventTypeRequest.class));
    pool.withConnection(c -> {
      requireHost(c, hostId, access);
      try (PreparedStatement ps = c.prepareStatement(saveEventType)) {
        ps.setString(1, hostId);
        ps.setString(2, type.slug());
        ps.setString(3, type.title());
        ps.setInt(4, type.durationMinutes());
        ps.setInt(5, type.slotIntervalMinutes());
        ps.setInt(6, type.bufferBeforeMinutes());
        ps.setInt(7, type.bufferAfterMinutes());
        ps.setInt(8, type.minimumNoticeMinutes());
        ps.setInt(9, type.bookingWindowDays());
        return ps.executeUpdate();
      }
    });
    return type.toJson();
  }

  /** {@code GET .../event-types/{slug}/slots}: anyone; dates of the listing zone, at most 62 of them. */
  SlotsResponse slots(String hostId, String slug, Map<String, String> query) throws SQLException {
    LocalDate first = Requests.date("start", query.get("start"));
    LocalDate last = Requests.date("end", query.get("end"));
    ZoneId requested = query.get("timeZone") == null ? null : Requests.zone("timeZone", query.get("timeZone"));
    if (last.isBefore(first)) {
      throw HttpRefusal.invalid("end " + last + " is before start " + first + ".");
    }
    if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_LISTING_DAYS) {
      throw HttpRefusal.invalid("Slots can be listed for at most " + MAX_LISTING_DAYS + " days at a time.");
    }
    Instant now = clock.instant();
    return pool.withConnection(c -> {
      BookContext context = bookings.bookContext(c, hostId, slug, false)
          .orElseThrow(BookingSteps::noSuchHost);
      EventTypeDef type = context.type();
      if (type == null) {
        throw HttpRefusal.notFound("This host has no event type '" + slug + "'.");
      }
      WeeklySchedule schedule = context.schedule();
      ZoneId zone = requested != null ? requested
          : schedule != null ? schedule.zone() : ZoneId.of(context.hostTimeZone());
      Instant from = first.atStartOfDay(zone).toInstant();
      Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
      List<Instant> starts = List.of();
      if (schedule != null) {
        Span reach = new Span(from.minus(type.bufferBefore()), to.plus(type.duration()).plus(type.bufferAfter()));
        starts = SlotRules.offered(schedule, type, bookings.blockedSpans(c, hostId, reach), from, to, now);
      }
      return new SlotsResponse(zone.getId(), type.durationMinutes(), byDate(zone, first, last, starts, type));
    });
  }

  private static List<Day> byDate(ZoneId zone, LocalDate first, LocalDate last, List<Instant> starts,
      EventTypeDef type) {
    Map<LocalDate, List<SlotJson>> days = new TreeMap<>();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      days.put(date, new ArrayList<>());
    }
    for (Instant start : starts) {
      var local = start.atZone(zone);
      List<SlotJson> day = days.get(local.toLocalDate());
      if (day != null) {
        day.add(new SlotJson(StoredBooking.utc(start), StoredBooking.utc(start.plus(type.duration())),
            local.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
      }
    }
    List<Day> result = new ArrayList<>();
    days.forEach((date, slots) -> result.add(new Day(date.toString(), slots)));
    return result;
  }

  /** 404 for no such host, then 401 or 403 unless {@code access} is the host's ({@link CallerAccess#requireHost}). */
  private void requireHost(Connection c, String hostId, CallerAccess access) throws SQLException {
    String hash;
    try (PreparedStatement ps = c.prepareStatement(tokenHash)) {
      ps.setString(1, hostId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw BookingSteps.noSuchHost();
        }
        hash = rs.getString(1);
      }
    }
    access.requireHost(hash);
  }
}
