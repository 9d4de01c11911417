package dev.scheduler.harness.google;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Every request the fake answered, in order, so tests can count calls and see statuses. */
public final class RequestLog {
  private final List<LoggedRequest> entries = new ArrayList<>();

  RequestLog() {}

  synchronized void record(FakeRequest request, int status) {
    entries.add(new LoggedRequest(request.method(), request.wireMethod(), request.path(),
        request.rawQuery(), status, Instant.now()));
  }

  public synchronized List<LoggedRequest> entries() {
    return List.copyOf(entries);
  }

  /** Requests with this method (as meant, so PATCH counts tunnelled PATCHes) and a matching path. */
  public synchronized long count(String method, String pathRegex) {
    Pattern path = Pattern.compile(pathRegex);
    return entries.stream()
        .filter(e -> e.method().equals(method) && path.matcher(e.path()).matches()).count();
  }

  /** The requests answered with this status. */
  public synchronized List<LoggedRequest> withStatus(int status) {
    return entries.stream().filter(e -> e.status() == status).toList();
  }

  public synchronized void clear() {
    entries.clear();
  }
}
