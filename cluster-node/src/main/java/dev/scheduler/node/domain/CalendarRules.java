package dev.scheduler.node.domain;

import dev.scheduler.protocol.calendar.Access;
import dev.scheduler.protocol.calendar.HostCalendarEvent.BusyIntervalsReplaced;
import dev.scheduler.protocol.calendar.HostCalendarEvent.EventTypeSaved;
import dev.scheduler.protocol.calendar.HostCalendarEvent.HostCreated;
import dev.scheduler.protocol.calendar.HostCalendarEvent.HostTokenReplaced;
import dev.scheduler.protocol.calendar.HostCalendarEvent.ScheduleSet;
import dev.scheduler.protocol.calendar.HostCalendarReplies.BusySource;
import dev.scheduler.protocol.calendar.HostCalendarReplies.EventTypeList;
import dev.scheduler.protocol.calendar.HostCalendarReplies.ScheduleView;
import dev.scheduler.protocol.calendar.HostCalendarReplies.SlotList;
import dev.scheduler.protocol.calendar.HostCalendarState;
import dev.scheduler.protocol.calendar.RejectionCode;
import dev.scheduler.protocol.model.EventType;
import dev.scheduler.protocol.model.HostProfile;
import dev.scheduler.protocol.model.Interval;
import dev.scheduler.protocol.model.Schedule;
import dev.scheduler.protocol.model.Slot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/** Decisions about a host's profile, schedule, event types, busy time and slot listings. */
public final class CalendarRules {
  private CalendarRules() {}

  public static Decision<HostProfile> createHost(HostCalendarState state, HostProfile host) {
    if (state != null) {
      return Decision.reject(RejectionCode.CONFLICT, "A host with this id exists already.");
    }
    return Decision.persist(new HostCreated(host), HostCalendarState::host);
  }

  public static Decision<HostProfile> getHost(HostCalendarState state, Access access) {
    return HostAccessRules.hostOrAdmin(state, access).orElse(() -> Decision.answer(state.host()));
  }

  /** The host itself or the admin replaces the host's API token; the old one stops working at once. */
  public static Decision<HostProfile> replaceHostToken(
      HostCalendarState state, Access access, String apiTokenHash, Instant now) {
    return HostAccessRules.hostOrAdmin(state, access)
        .orElse(() -> Decision.persist(new HostTokenReplaced(apiTokenHash, now), HostCalendarState::host));
  }

  public static Decision<ScheduleView> setSchedule(
      HostCalendarState state, Access access, Schedule schedule, Instant now) {
    return HostAccessRules.hostOnly(state, access)
        .orElse(() -> Decision.persist(new ScheduleSet(schedule, now), s -> new ScheduleView(s.schedule())));
  }

  public static Decision<ScheduleView> getSchedule(HostCalendarState state, Access access) {
    return HostAccessRules.hostOnly(state, access)
        .orElse(() -> Decision.answer(new ScheduleView(state.schedule())));
  }

  public static Decision<EventType> saveEventType(
      HostCalendarState state, Access access, EventType eventType, Instant now, HostLimits limits) {
    return HostAccessRules.hostOnly(state, access).orElse(() -> {
      if (!state.eventTypes().containsKey(eventType.slug()) && state.eventTypes().size() >= limits.eventTypesPerHost()) {
        return Decision.reject(RejectionCode.LIMIT_EXCEEDED,
            "A host can have at most " + limits.eventTypesPerHost() + " event types.");
      }
      return Decision.persist(new EventTypeSaved(eventType, now), s -> s.eventTypes().get(eventType.slug()));
    });
  }

  public static EventTypeList eventTypes(HostCalendarState state) {
    return new EventTypeList(state.eventTypes().values().stream()
        .sorted(Comparator.comparing(EventType::slug))
        .toList());
  }

  /**
   * Replaces one source's busy time; an empty list removes an API source, so it no longer counts
   * towards {@link HostLimits#busySourcesPerHost()}.
   */
  public static Decision<BusySource> replaceBusy(HostCalendarState state, Access access, String sourceId,
      List<Interval> intervals, Instant now, HostLimits limits) {
    return HostAccessRules.hostOnly(state, access)
        .orElse(() -> BusyLimits.intervalsFit(intervals.size(), limits))
        .orElse(() -> BusyLimits.isSource(state, sourceId) || intervals.isEmpty()
            ? Decision.pass() : BusyLimits.newSourceFits(state, limits))
        .orElse(() -> Decision.persist(
            new BusyIntervalsReplaced(sourceId, intervals.stream().sorted(Comparator.comparing(Interval::start)).toList(),
                now),
            s -> new BusySource(sourceId, s.busyBySource().getOrDefault(sourceId, List.of()))));
  }

  /** Slots on the local dates {@code startDate..endDate} of {@code zone} (the schedule's when null). */
  public static Decision<SlotList> slots(
      HostCalendarState state, String slug, LocalDate startDate, LocalDate endDate, ZoneId zone, Instant now) {
    EventType type = state.eventTypes().get(slug);
    if (type == null) {
      return Decision.reject(RejectionCode.NOT_FOUND, "This host has no event type '" + slug + "'.");
    }
    if (endDate.isBefore(startDate)) {
      return Decision.reject(RejectionCode.INVALID_REQUEST, "The end date is before the start date.");
    }
    if (ChronoUnit.DAYS.between(startDate, endDate) + 1 > Slot.MAX_LISTING_DAYS) {
      return Decision.reject(RejectionCode.INVALID_REQUEST,
          "Slots can be listed for at most " + Slot.MAX_LISTING_DAYS + " days at a time.");
    }
    ZoneId listingZone = zone != null ? zone : state.schedule().timeZone();
    Instant from = startDate.atStartOfDay(listingZone).toInstant();
    Instant to = endDate.plusDays(1).atStartOfDay(listingZone).toInstant();
    List<Slot> slots = Availability.offeredSlots(
        state.schedule(), type, HostCalendarEvolution.allBusy(state), state.bookings().values(), from, to, now);
    return Decision.answer(new SlotList(type, listingZone, slots));
  }
}
