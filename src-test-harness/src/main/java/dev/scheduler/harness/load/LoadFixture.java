package dev.scheduler.harness.load;

import dev.scheduler.harness.audit.ClientLedger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A scenario's hosts, made and ready: run the load on them, in the foreground or in the
 * background. Each run gets its own ledger and idempotency keys; the hosts keep the bookings of
 * earlier runs, so a second run on one fixture meets fewer free slots.
 */
public final class LoadFixture {
  private final LoadTarget target;
  private final Scenario scenario;
  private final ScenarioOptions options;
  private final List<HostFixture> hosts;

  public LoadFixture(LoadTarget target, Scenario scenario, ScenarioOptions options, List<HostFixture> hosts) {
    this.target = target;
    this.scenario = scenario;
    this.options = options;
    this.hosts = hosts.stream().filter(h -> !h.slots().isEmpty()).toList();
    if (this.hosts.isEmpty()) {
      throw new IllegalArgumentException("none of the " + hosts.size() + " hosts lists any slot");
    }
  }

  public LoadTarget target() {
    return target;
  }

  public Scenario scenario() {
    return scenario;
  }

  public ScenarioOptions options() {
    return options;
  }

  public List<HostFixture> hosts() {
    return hosts;
  }

  public List<String> hostIds() {
    return hosts.stream().map(HostFixture::hostId).toList();
  }

  /** Runs for {@code duration} at {@code rate} requests a second, then waits for the requests in flight. */
  public SystemRun run(Duration duration, double rate, ProgressSink progress) throws InterruptedException {
    return start(duration, rate, progress).await();
  }

  /** The same on threads of its own: stop it early with {@link RunningLoad#stop()}. */
  public RunningLoad start(Duration duration, double rate, ProgressSink progress) {
    return start(Workloads.create(scenario, hosts, options, keyPrefix()), duration, rate, progress);
  }

  /** Seam for tests: any workload on this fixture's target. */
  RunningLoad start(Workload workload, Duration duration, double rate, ProgressSink progress) {
    ClientLedger ledger = new ClientLedger();
    ledger.addHosts(hostIds());
    OpenLoopEngine engine = new OpenLoopEngine(target.name(), target.nodes(), workload, options, ledger);
    return engine.start(duration, rate, progress, scenario, hostIds());
  }

  /** Unique per run (hosts outlive runs); the sequence number follows. */
  private static String keyPrefix() {
    return "load-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }
}
