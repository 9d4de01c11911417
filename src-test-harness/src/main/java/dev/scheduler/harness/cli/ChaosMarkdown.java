package dev.scheduler.harness.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code chaos.md}: the verdicts, one table row per fault (and the lead-in), then the details. */
final class ChaosMarkdown {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private ChaosMarkdown() {}

  static String render(ChaosReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(report.title()).append("\n\n");
    Map<String, String> settings = report.settings();
    md.append(String.format(Locale.ROOT, "Load from %s to %s UTC (%.0f s) on %s. Settings: %s.%n%n",
        TIME.format(report.loadStartedAt()), TIME.format(report.loadEndedAt()),
        seconds(report.loadStartedAt(), report.loadEndedAt()), String.join(", ", report.nodes()),
        settings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "))));

    ChaosReport.Audit audit = report.audit();
    if (audit.ran()) {
      md.append("**Audit: ").append(audit.passed() ? "PASS" : "FAIL, " + audit.violations() + " violation(s)")
          .append("** (zero double bookings, zero lost acknowledged bookings, none nobody asked for).  \n")
          .append("Load hosts: ").append(audit.load()).append(".  \n")
          .append("Probe hosts: ").append(audit.probe()).append(".\n\n");
    } else {
      md.append("**Audit: not done** (").append(audit.note()).append(").\n\n");
    }
    long wrong = report.wrongAnswers();
    md.append("**Wrong answers: ").append(wrong == 0 ? "none" : Long.toString(wrong))
        .append("** (a 5xx other than 503, or a 409 to a request whose own earlier attempt had booked the slot).")
        .append(" A 503 with `Retry-After` is the right answer while a shard moves; a refused connection is a dead")
        .append(" or restarting node, retried on the next one.\n\n");

    md.append("| fault | injected | healed | audit | requests sent | failed requests (final) | failed attempts by kind"
        + " | wrong answers | booking 409s | every host books again | last load failure |\n");
    md.append("|---|---|---|---|---:|---|---|---|---|---|---|\n");
    ChaosReport.Period lead = report.leadIn();
    md.append(String.format(Locale.ROOT, "| lead-in, no fault (%.0f s) | | | %s | %d | %s | %s | %s | %s | | %s |%n",
        seconds(lead.from(), lead.to()), windowAudit(audit, ChaosAttribution.LEAD_IN), lead.requestsSent(),
        failedRequests(lead), kinds(lead.attemptsByKind()), wrongAnswers(lead), conflicts(lead),
        lastFailure(lead, lead.from())));
    for (ChaosReport.FaultReport f : report.faults()) {
      ChaosReport.Period w = f.window();
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |%n",
          f.fault() + (f.error() == null ? "" : " (ERROR)"), TIME.format(f.injectedAt()),
          String.format(Locale.ROOT, "%s (+%.1f s)", TIME.format(f.healedAt()), seconds(f.injectedAt(), f.healedAt())),
          windowAudit(audit, f.fault()), w.requestsSent(), failedRequests(w), kinds(w.attemptsByKind()),
          wrongAnswers(w), conflicts(w), recovery(f.recovery()), lastFailure(w, f.injectedAt())));
    }
    md.append("\nA fault's window runs from its injection to the next fault's (or the end of the load): the fault,")
        .append(" its heal, and the quiet settle time after it. A failed attempt counts where its outcome came,")
        .append(" a request where its final outcome came; \"requests sent\" is per whole second. Every host books")
        .append(" again: the recovery probe's slowest host, from the injection and from the heal (cluster whole")
        .append(" again).")
        .append(" Booking 409s are normal in this load (the slot was taken); their share grows through a run as slots")
        .append(" fill (bookings outnumber cancellations 7 to 3), so compare a fault's share with the periods around")
        .append(" it.\n");

    md.append("\n## During the fault and after the heal\n\n");
    md.append("| fault | phase | seconds | requests sent | failed requests | 503 with Retry-After | 503 without"
        + " | 5xx other | refused or broken connection | timeout | booking 409s |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (ChaosReport.FaultReport f : report.faults()) {
      phaseRow(md, f.fault(), "during (inject to whole again)", f.duringFault());
      phaseRow(md, f.fault(), "after the heal", f.afterHeal());
    }

    md.append("\n## What each fault did\n\n");
    for (ChaosReport.FaultReport f : report.faults()) {
      md.append("- **").append(f.fault()).append("**: ");
      if (f.error() != null) {
        md.append("ERROR ").append(f.error()).append("; ");
      }
      md.append(f.healNotes()).append(String.format(Locale.ROOT, " (held %.1f s, heal took %.1f s).",
          seconds(f.injectedAt(), f.healStartedAt()), seconds(f.healStartedAt(), f.healedAt())));
      ChaosReport.Recovery r = f.recovery();
      if (r.during() != null) {
        md.append(" Probe from injection: ").append(r.during()).append('.');
      }
      if (r.afterHeal() != null) {
        md.append(" Probe from heal: ").append(r.afterHeal()).append('.');
      }
      md.append('\n');
    }

    md.append("\n## Skipped\n\n");
    if (report.skipped().isEmpty()) {
      md.append("Nothing: every fault asked for ran.\n");
    } else {
      report.skipped().forEach(s -> md.append("- ").append(s).append('\n'));
    }
    if (!report.wrongAnswerDetails().isEmpty()) {
      md.append("\n## Wrong answers\n\n");
      report.wrongAnswerDetails().forEach(w -> md.append("- ").append(w).append('\n'));
    }
    if (!report.notes().isEmpty()) {
      md.append("\n## Notes\n\n");
      report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
    if (!audit.violationLines().isEmpty()) {
      md.append("\n## Violations");
      if (audit.violations() > audit.violationLines().size()) {
        md.append(" (first ").append(audit.violationLines().size()).append(" of ").append(audit.violations())
            .append(')');
      }
      md.append("\n\n");
      audit.violationLines().forEach(v -> md.append("- ").append(v).append('\n'));
    }
    return md.toString();
  }

  private static void phaseRow(StringBuilder md, String fault, String phase, ChaosReport.Period p) {
    md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %d | %d | %d | %d | %d | %d | %d | %s |%n", fault, phase,
        seconds(p.from(), p.to()), p.requestsSent(), p.failedRequests(), p.unavailableWithRetryAfter(),
        p.unavailableWithoutRetryAfter(), p.serverErrors(), p.connectionFailures(), p.timeouts(), conflicts(p)));
  }

  private static String windowAudit(ChaosReport.Audit audit, String window) {
    if (!audit.ran()) {
      return "not audited";
    }
    int n = audit.violationsByWindow().getOrDefault(window, 0);
    return n == 0 ? "clean" : "**" + n + " violation(s)**";
  }

  private static String failedRequests(ChaosReport.Period p) {
    return p.failedRequests() == 0 ? "0" : p.failedRequests() + " (" + kinds(p.requestsByKind()) + ")";
  }

  private static String wrongAnswers(ChaosReport.Period p) {
    if (p.wrongAnswers() == 0) {
      return "none";
    }
    StringBuilder text = new StringBuilder("**");
    if (p.serverErrors() > 0) {
      text.append(p.serverErrors()).append(" 5xx other than 503");
    }
    if (p.wrong409() > 0) {
      text.append(p.serverErrors() > 0 ? ", " : "").append(p.wrong409()).append(" 409 to a request that had booked");
    }
    return text.append("**").toString();
  }

  private static String conflicts(ChaosReport.Period p) {
    return String.format(Locale.ROOT, "%d of %d (%.1f %%)", p.booking409(), p.bookingAnswers(),
        100 * p.booking409Share());
  }

  private static String recovery(ChaosReport.Recovery r) {
    String during = r.fromInjectionSeconds() == null
        ? "not every host (" + r.recoveredDuring() + "/" + r.probeHosts() + ") from injection"
        : String.format(Locale.ROOT, "%.1f s after injection", r.fromInjectionSeconds());
    if (r.takeoverSeconds() != null) {
      during += String.format(Locale.ROOT, " (taken over after %.1f s, before the repair)", r.takeoverSeconds());
    }
    String after = r.fromHealSeconds() == null
        ? "not every host (" + r.recoveredAfterHeal() + "/" + r.probeHosts() + ") after heal"
        : String.format(Locale.ROOT, "%.1f s after heal", r.fromHealSeconds());
    return during + "; " + after;
  }

  private static String lastFailure(ChaosReport.Period p, Instant since) {
    return p.lastFailureAt() == null ? "none"
        : String.format(Locale.ROOT, "+%.1f s", seconds(since, p.lastFailureAt()));
  }

  /** "503 with Retry-After 12, refused 3", most frequent first; "none" when empty. */
  static String kinds(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<Map.Entry<String, Long>> entries = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .toList();
    return entries.stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
