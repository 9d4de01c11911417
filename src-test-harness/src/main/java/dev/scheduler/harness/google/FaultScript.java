package dev.scheduler.harness.google;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Scripted misbehaviour. Request faults hit the next N requests whose method (after any
 * X-HTTP-Method-Override) and decoded path match; each request consumes at most one fault, the
 * earliest scripted that matches. Example:
 * {@code fake.faults().on("GET", "/calendar/v3/calendars/[^/]+/events").times(2).respond(429)}.
 */
public final class FaultScript {
  /** What one matching request suffers: a delay, an error (status 0 for none), or both. */
  record ScriptedFault(Duration delay, int status, String reason, boolean afterCommit) {}

  private final class Armed {
    final String method;
    final Pattern path;
    final ScriptedFault fault;
    int remaining;

    Armed(String method, Pattern path, ScriptedFault fault, int remaining) {
      this.method = method;
      this.path = path;
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  /** Picks the requests a fault applies to and how many times; ends with what happens to them. */
  public final class RequestFault {
    private final String method;
    private final Pattern path;
    private int times = 1;

    private RequestFault(String method, Pattern path) {
      this.method = method;
      this.path = path;
    }

    public RequestFault times(int count) {
      times = count;
      return this;
    }

    /** Answer with this status and its usual reason (429/403 rateLimitExceeded, 500 backendError...). */
    public FaultScript respond(int status) {
      return respond(status, GoogleApiException.of(status).reason());
    }

    /** Answer with this status and reason (for example 403 userRateLimitExceeded), doing nothing. */
    public FaultScript respond(int status, String reason) {
      return arm(new ScriptedFault(Duration.ZERO, status, reason, false));
    }

    /** Carry the request out, then answer with this error anyway: a timeout after commit. */
    public FaultScript commitThenRespond(int status, String reason) {
      return arm(new ScriptedFault(Duration.ZERO, status, reason, true));
    }

    /** Answer normally, but only after this long. */
    public FaultScript delay(Duration delay) {
      return arm(new ScriptedFault(delay, 0, null, false));
    }

    private FaultScript arm(ScriptedFault fault) {
      synchronized (FaultScript.this) {
        armed.add(new Armed(method, path, fault, times));
      }
      return FaultScript.this;
    }
  }

  private final List<Armed> armed = new ArrayList<>();
  private final NotificationFaults notifications = new NotificationFaults();
  private int incrementalFailurePage;
  private int emptyPages;

  FaultScript() {}

  /** Requests with this method (PATCH for an overridden POST) whose path matches the regex. */
  public RequestFault on(String method, String pathRegex) {
    return new RequestFault(method, Pattern.compile(pathRegex));
  }

  /** Disarms every request fault still pending (a storm armed with a large count ends here). */
  public synchronized FaultScript clear() {
    armed.clear();
    return this;
  }

  public RequestFault onAnyRequest() {
    return new RequestFault(null, Pattern.compile(".*"));
  }

  /**
   * The next incremental list (one started with a syncToken) answers 410 fullSyncRequired on this
   * page (1 = first), and its sync token dies.
   */
  public synchronized FaultScript fullSyncRequiredOnIncrementalPage(int page) {
    incrementalFailurePage = page;
    return this;
  }

  /** The next events.list starts with this many empty pages that still carry a nextPageToken. */
  public synchronized FaultScript emptyPagesInNextList(int pages) {
    emptyPages = pages;
    return this;
  }

  /** Push notification faults: drop, duplicate, reorder, early delivery, stopped channels firing. */
  public NotificationFaults notifications() {
    return notifications;
  }

  synchronized ScriptedFault take(FakeRequest request) {
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      if ((a.method == null || a.method.equals(request.method()))
          && a.path.matcher(request.path()).matches()) {
        if (--a.remaining <= 0) {
          it.remove();
        }
        return a.fault;
      }
    }
    return null;
  }

  synchronized int takeIncrementalFailurePage() {
    int page = incrementalFailurePage;
    incrementalFailurePage = 0;
    return page;
  }

  synchronized int takeEmptyPages() {
    int pages = emptyPages;
    emptyPages = 0;
    return pages;
  }
}
