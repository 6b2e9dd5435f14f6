#include "measure/probe.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "util/clock.hpp"

namespace synergy {

ReadCost measure_read_cost(EnergySource& source, int reads) {
  ReadCost c;
  double total = 0;
  for (int i = 0; i < reads; ++i) {
    int64_t t0 = now_ns();
    source.read();
    auto dt = static_cast<double>(now_ns() - t0);
    total += dt;
    c.min_ns = i == 0 ? dt : std::min(c.min_ns, dt);
  }
  c.reads = reads;
  c.mean_ns = reads > 0 ? total / reads : 0;
  return c;
}

UpdatePeriod measure_update_period(EnergySource& source, size_t domain, int64_t limit_ns,
                                   int64_t poll_ns) {
  UpdatePeriod p;
  int64_t start = now_ns();
  bool have_last = false;
  double last = 0;
  int64_t first_change = 0, last_change = 0;
  std::vector<Domain> domains = source.domains();
  bool by_power =
      domain < domains.size() && domains[domain].provenance != Provenance::EnergyCounter;
  while (now_ns() - start < limit_ns) {
    EnergyReading r = source.read();
    if (domain < r.valid.size() && r.valid[domain]) {
      double e = by_power ? r.power_w[domain] : r.energy_j[domain];
      if (have_last && e != last) {
        if (p.changes == 0) first_change = r.t_ns;
        last_change = r.t_ns;
        ++p.changes;
      }
      last = e;
      have_last = true;
    }
    if (poll_ns > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(poll_ns));
  }
  p.observed_ns = now_ns() - start;
  if (p.changes >= 2) {
    p.measured = true;
    p.mean_ns = static_cast<double>(last_change - first_change) / (p.changes - 1);
  }
  return p;
}

}  // namespace synergy
