// Turns two answers of GET /api/v1/admin/stats into the cluster's rates and p99s over the time
// between them. Counters are cumulative per node; a node that restarted (its counter went down)
// counts from zero again. Nodes missing from either answer are left out of that interval.

export function intervalFigures(previous, current) {
  const before = new Map(previous.nodes.map(n => [n.address, n]));
  let seconds = 0;
  const totals = { bookings: 0, conflicts: 0, responses409: 0, responses503: 0 };
  const bookingLatency = [];
  const journalLatency = [];
  for (const node of current.nodes) {
    const old = before.get(node.address);
    if (!old) {
      continue;
    }
    const elapsed = (Date.parse(node.sampledAt) - Date.parse(old.sampledAt)) / 1000;
    if (!(elapsed > 0)) {
      continue;
    }
    seconds = Math.max(seconds, elapsed);
    totals.bookings += delta(old.bookingsCreated, node.bookingsCreated);
    totals.conflicts += delta(old.bookingConflicts, node.bookingConflicts);
    totals.responses409 += delta(old.responses409, node.responses409);
    totals.responses503 += delta(old.responses503, node.responses503);
    bookingLatency.push(histogramDelta(old.bookingLatency, node.bookingLatency));
    journalLatency.push(histogramDelta(old.journalWriteLatency, node.journalWriteLatency));
  }
  if (seconds === 0) {
    return null;
  }
  return {
    bookingsPerSecond: totals.bookings / seconds,
    conflictsPerSecond: totals.responses409 / seconds,
    unavailablePerSecond: totals.responses503 / seconds,
    bookingP99Seconds: quantile(merge(bookingLatency), 0.99),
    journalWriteP99Seconds: quantile(merge(journalLatency), 0.99),
  };
}

function delta(before, after) {
  return after >= before ? after - before : after;
}

function histogramDelta(before, after) {
  if (!after || after.upperBoundsSeconds.length === 0) {
    return null;
  }
  const restarted = !before || after.count < before.count
    || before.upperBoundsSeconds.length !== after.upperBoundsSeconds.length;
  return {
    bounds: after.upperBoundsSeconds,
    counts: after.cumulativeCounts.map((c, i) => restarted ? c : c - before.cumulativeCounts[i]),
    count: restarted ? after.count : after.count - before.count,
  };
}

function merge(histograms) {
  const present = histograms.filter(h => h !== null);
  if (present.length === 0) {
    return null;
  }
  const merged = new Map();
  let count = 0;
  for (const h of present) {
    count += h.count;
    h.bounds.forEach((bound, i) => merged.set(bound, (merged.get(bound) || 0) + h.counts[i]));
  }
  const bounds = [...merged.keys()].sort((a, b) => a - b);
  return { bounds, counts: bounds.map(b => merged.get(b)), count };
}

/**
 * The smallest bucket bound under which the quantile falls, as Prometheus' histogram_quantile
 * bounds it; Infinity when it lies above the largest bound, null with no observations.
 */
export function quantile(histogram, q) {
  if (!histogram || histogram.count === 0) {
    return null;
  }
  const wanted = q * histogram.count;
  for (let i = 0; i < histogram.bounds.length; i++) {
    if (histogram.counts[i] >= wanted) {
      return histogram.bounds[i];
    }
  }
  return Infinity;
}
