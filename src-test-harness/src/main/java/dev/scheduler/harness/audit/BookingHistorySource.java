package dev.scheduler.harness.audit;

import java.util.List;
import java.util.Map;

/** Where the auditor reads what a system actually stored: per host, its booking events in applied order. */
public interface BookingHistorySource {

  /** Host id to that host's events, oldest first. Hosts with no booking events may be absent. */
  Map<String, List<HistoryEvent>> readAll() throws Exception;
}
