package dev.scheduler.harness.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.harness.audit.ClientLedger.Outcome;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The scenarios' request generators. Every tick draws the same three random numbers (which
 * operation, which host, which slot) from the seeded generator whatever happens, so two systems
 * given the same seed get the same sequence of choices; only follow-ups (reschedules and cancels
 * of bookings that were acknowledged) depend on the system's answers.
 */
final class Workloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Workloads() {}

  static Workload create(Scenario scenario, List<HostFixture> hosts, ScenarioOptions options, String keyPrefix) {
    Requests requests = new Requests(options, keyPrefix);
    SplittableRandom random = new SplittableRandom(options.seed());
    return switch (scenario) {
      case SPREAD -> new Spread(hosts, requests, random, Integer.MAX_VALUE, 0);
      case HOTSPOT -> new Spread(hosts, requests, random, options.hotSlots(), options.hotRotateEvery());
      case MIXED -> new Mixed(hosts, requests, random);
      case CHURN -> new Churn(hosts, requests, random);
      case SLOTS -> new Slots(hosts, requests, random);
    };
  }

  /** One tick's random choices. */
  private record Draw(double operation, int host, int slot) {
    static Draw from(SplittableRandom random) {
      return new Draw(random.nextDouble(), random.nextInt(Integer.MAX_VALUE), random.nextInt(Integer.MAX_VALUE));
    }

    HostFixture host(List<HostFixture> hosts) {
      return hosts.get(host % hosts.size());
    }

    Instant slot(HostFixture host, int firstN) {
      return host.slots().get(slot % Math.min(firstN, host.slots().size()));
    }

    /** One of the {@code width} slots of race number {@code race}, wrapping round the host's slots. */
    Instant slotOfRace(HostFixture host, int width, long race) {
      int size = host.slots().size();
      long first = race * width;
      return host.slots().get((int) ((first + slot % width) % size));
    }
  }

  /**
   * {@code spread} (any slot) and {@code hotspot} (one of each host's {@code firstSlots} raced-for
   * slots; with {@code rotateEvery}, the race moves on to the next ones after that many requests).
   */
  private static final class Spread implements Workload {
    private final List<HostFixture> hosts;
    private final Requests requests;
    private final SplittableRandom random;
    private final int firstSlots;
    private final int rotateEvery;

    Spread(List<HostFixture> hosts, Requests requests, SplittableRandom random, int firstSlots, int rotateEvery) {
      this.hosts = hosts;
      this.requests = requests;
      this.random = random;
      this.firstSlots = firstSlots;
      this.rotateEvery = rotateEvery;
    }

    @Override
    public PlannedRequest next(long seq) {
      Draw draw = Draw.from(random);
      HostFixture host = draw.host(hosts);
      Instant slot = rotateEvery > 0
          ? draw.slotOfRace(host, firstSlots, seq / rotateEvery)
          : draw.slot(host, firstSlots);
      return requests.book(seq, host, slot);
    }
  }

  /** Slot listings only: a random host's slots over {@code days} days. Draws as every scenario does. */
  private static final class Slots implements Workload {
    private final List<HostFixture> hosts;
    private final Requests requests;
    private final SplittableRandom random;

    Slots(List<HostFixture> hosts, Requests requests, SplittableRandom random) {
      this.hosts = hosts;
      this.requests = requests;
      this.random = random;
    }

    @Override
    public PlannedRequest next(long seq) {
      return requests.slots(Draw.from(random).host(hosts));
    }
  }

  /** 90 % slot listings, 7 % bookings, 3 % cancellations of acknowledged bookings (a booking when there is none). */
  private static final class Mixed implements Workload {
    private final List<HostFixture> hosts;
    private final Requests requests;
    private final SplittableRandom random;
    private final Queue<BookingHandle> booked = new ConcurrentLinkedQueue<>();

    Mixed(List<HostFixture> hosts, Requests requests, SplittableRandom random) {
      this.hosts = hosts;
      this.requests = requests;
      this.random = random;
    }

    @Override
    public PlannedRequest next(long seq) {
      Draw draw = Draw.from(random);
      HostFixture host = draw.host(hosts);
      if (draw.operation() < 0.90) {
        return requests.slots(host);
      }
      if (draw.operation() >= 0.97) {
        BookingHandle booking = booked.poll();
        if (booking != null) {
          return requests.cancel(booking);
        }
      }
      return requests.book(seq, host, draw.slot(host, Integer.MAX_VALUE));
    }

    @Override
    public void completed(PlannedRequest request, Completion completion) {
      if (completion.booked() != null) {
        booked.add(completion.booked());
      }
    }
  }

  /**
   * Book, reschedule, cancel: each acknowledged booking is later moved to another of its host's
   * slots, then cancelled. A third of the ticks each try a cancellation and a reschedule; when
   * none is due, the tick books.
   */
  private static final class Churn implements Workload {
    private final List<HostFixture> hosts;
    private final Map<String, HostFixture> byId = new HashMap<>();
    private final Requests requests;
    private final SplittableRandom random;
    private final Queue<BookingHandle> toReschedule = new ConcurrentLinkedQueue<>();
    private final Queue<BookingHandle> toCancel = new ConcurrentLinkedQueue<>();

    Churn(List<HostFixture> hosts, Requests requests, SplittableRandom random) {
      this.hosts = hosts;
      this.requests = requests;
      this.random = random;
      hosts.forEach(h -> byId.put(h.hostId(), h));
    }

    @Override
    public PlannedRequest next(long seq) {
      Draw draw = Draw.from(random);
      if (draw.operation() < 1.0 / 3) {
        BookingHandle booking = toCancel.poll();
        if (booking != null) {
          return requests.cancel(booking);
        }
      } else if (draw.operation() < 2.0 / 3) {
        BookingHandle booking = toReschedule.poll();
        if (booking != null) {
          HostFixture host = byId.get(booking.hostId());
          Instant target = draw.slot(host, Integer.MAX_VALUE);
          if (target.equals(booking.start())) {
            target = host.slots().get((host.slots().indexOf(target) + 1) % host.slots().size());
          }
          return requests.reschedule(booking, target);
        }
      }
      HostFixture host = draw.host(hosts);
      return requests.book(seq, host, draw.slot(host, Integer.MAX_VALUE));
    }

    @Override
    public void completed(PlannedRequest request, Completion completion) {
      if (request.operation() == Operation.BOOK && completion.booked() != null) {
        toReschedule.add(completion.booked());
      } else if (request.operation() == Operation.RESCHEDULE) {
        BookingHandle booking = request.booking();
        if (completion.outcome() == Outcome.ACKNOWLEDGED) {
          booking = new BookingHandle(booking.hostId(), booking.bookingId(), booking.token(), request.start());
        }
        toCancel.add(booking);
      }
    }
  }

  /** Builds the API's requests. */
  static final class Requests {
    private final ScenarioOptions options;
    private final String keyPrefix;
    private final LocalDate first;
    private final LocalDate last;

    Requests(ScenarioOptions options, String keyPrefix) {
      this.options = options;
      this.keyPrefix = keyPrefix;
      this.first = options.firstDateOrTomorrow();
      this.last = first.plusDays(options.days() - 1L);
    }

    PlannedRequest book(long seq, HostFixture host, Instant start) {
      Map<String, Object> invitee = new LinkedHashMap<>();
      invitee.put("name", "Load client " + seq);
      invitee.put("email", "client" + seq + "@example.com");
      invitee.put("timeZone", options.zone().getId());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("eventType", ScenarioOptions.EVENT_TYPE);
      body.put("start", start.toString());
      body.put("invitee", invitee);
      body.put("notes", "");
      return new PlannedRequest(Operation.BOOK, host.hostId(), "POST", hostPath(host.hostId()) + "/bookings",
          json(body), null, keyPrefix + seq, start, null);
    }

    PlannedRequest slots(HostFixture host) {
      String path = hostPath(host.hostId()) + "/event-types/" + ScenarioOptions.EVENT_TYPE + "/slots?start=" + first
          + "&end=" + last + "&timeZone=" + URLEncoder.encode(options.zone().getId(), StandardCharsets.UTF_8);
      return new PlannedRequest(Operation.SLOTS, host.hostId(), "GET", path, null, null, null, null, null);
    }

    PlannedRequest cancel(BookingHandle booking) {
      return new PlannedRequest(Operation.CANCEL, booking.hostId(), "POST",
          bookingPath(booking) + "/cancel", json(Map.of("reason", "load test")), booking.token(), null, null, booking);
    }

    PlannedRequest reschedule(BookingHandle booking, Instant start) {
      return new PlannedRequest(Operation.RESCHEDULE, booking.hostId(), "POST",
          bookingPath(booking) + "/reschedule", json(Map.of("start", start.toString())), booking.token(), null, start,
          booking);
    }

    static String hostPath(String hostId) {
      return "/api/v1/hosts/" + URLEncoder.encode(hostId, StandardCharsets.UTF_8);
    }

    private static String bookingPath(BookingHandle booking) {
      return hostPath(booking.hostId()) + "/bookings/" + URLEncoder.encode(booking.bookingId(), StandardCharsets.UTF_8);
    }

    private static String json(Object body) {
      try {
        return JSON.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }
}
