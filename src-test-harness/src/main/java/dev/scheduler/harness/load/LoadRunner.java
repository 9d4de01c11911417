package dev.scheduler.harness.load;

import java.io.IOException;
import java.util.List;

/**
 * Entry point of the load harness, for the command line and for programs that compare systems
 * or inject faults:
 *
 * <pre>{@code
 * LoadFixture fixture = LoadRunner.prepare(target, Scenario.HOTSPOT, ScenarioOptions.defaults());
 * SystemRun run = fixture.run(Duration.ofSeconds(60), 2000, ProgressSink.stderr());
 * AuditResult audit = Auditor.audit(run.ledger(), new JournalHistorySource(url, user, pw).onlyHosts(run.hostIds()));
 * }</pre>
 */
public final class LoadRunner {
  private LoadRunner() {}

  /** Creates the scenario's hosts, schedules and event types through the API and lists their slots. */
  public static LoadFixture prepare(LoadTarget target, Scenario scenario, ScenarioOptions options)
      throws IOException, InterruptedException {
    List<HostFixture> hosts = HostSetup.createHosts(target, options, options.hostsFor(scenario));
    return new LoadFixture(target, scenario, options, hosts);
  }
}
