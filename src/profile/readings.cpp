#include "profile/readings.hpp"

namespace synergy {

SensorTrace trace_of(const EnergySource& source, size_t domain,
                     const std::vector<EnergyReading>& readings) {
  SensorTrace t;
  t.source = source.name();
  const auto domains = source.domains();
  bool integrated = false;
  if (domain < domains.size()) {
    t.domain = domains[domain].name;
    t.reading_time = domains[domain].reading_time;
    integrated = domains[domain].provenance == Provenance::IntegratedPower;
  }
  t.provenance = source.provenance();
  t.update_period_ns = source.declared_update_period_ns();
  t.samples.reserve(readings.size());
  bool dropped = false;
  for (const auto& r : readings) {
    if (domain >= r.valid.size() || !r.valid[domain]) {
      dropped = true;
      continue;
    }
    SensorSample s;
    s.t_ns = r.t_ns;
    s.break_before = r.fault(domain) == ReadFault::Restart || (integrated && dropped);
    dropped = false;
    if (domain < r.energy_j.size()) s.energy_j = r.energy_j[domain];
    if (domain < r.power_w.size()) s.power_w = r.power_w[domain];
    t.samples.push_back(s);
  }
  return t;
}

EdgeWindow window_of(const SensorTrace& trace, int64_t from_ns, int64_t to_ns) {
  const EdgeWindow located = edge_aligned_window(update_intervals(trace), from_ns, to_ns);
  if (trace.reading_time == ReadingTime::AtRead || located.covers_half_of(to_ns - from_ns))
    return located;
  // Polls too late to locate edges to a tenth of a period (a busy CPU, a poller slower than the
  // sensor) still bound each edge between two polls. Over a long window that is close enough:
  // every edge then counts where its two ends together are off by at most 1 % of the window.
  const EdgeWindow loose =
      edge_aligned_window(update_intervals(trace, EdgeTiming::Midpoint), from_ns, to_ns);
  if (loose.intervals > 0 && 100 * loose.edge_spread_ns <= loose.covered_ns) return loose;
  return located;
}

}  // namespace synergy
