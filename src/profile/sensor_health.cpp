#include "profile/sensor_health.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace synergy {

namespace {

double value_of(const EnergyReading& r, size_t domain) {
  const double e = domain < r.energy_j.size() ? r.energy_j[domain] : std::nan("");
  if (std::isfinite(e)) return e;
  return domain < r.power_w.size() ? r.power_w[domain] : std::nan("");
}

const char* fault_words(ReadFault f) {
  switch (f) {
    case ReadFault::Unreadable:
      return "unreadable";
    case ReadFault::Implausible:
      return "rejected as implausible";
    case ReadFault::Restart:
      return "restarted the count (the energy just before each is unknown)";
    case ReadFault::Gap:
      return "fell in a gap of the log";
    case ReadFault::None:
      break;
  }
  return "faulty";
}

}  // namespace

void SensorHealth::add(const std::vector<EnergyReading>& taken, size_t domain,
                       int64_t update_period_ns) {
  const int64_t stall_ns = std::max<int64_t>(kStallPeriods * update_period_ns, 20'000'000);
  bool have_last = false;
  double last_value = 0.0;
  int64_t last_change_ns = 0;
  auto close_stall = [&](int64_t until_ns) {
    const int64_t d = until_ns - last_change_ns;
    if (update_period_ns <= 0 || d <= stall_ns) return;
    ++stalls;
    if (d > longest_stall_ns) {
      longest_stall_ns = d;
      longest_stall_at_ns = last_change_ns;
    }
  };
  for (const EnergyReading& r : taken) {
    ++readings;
    const ReadFault f = r.fault(domain);
    if (f != ReadFault::None) {
      auto it = std::find_if(faults.begin(), faults.end(),
                             [&](const SensorFaultCount& c) { return c.fault == f; });
      if (it == faults.end()) {
        faults.push_back({f, 0, r.t_ns, r.t_ns, domain < r.errors.size() ? r.errors[domain] : ""});
        it = faults.end() - 1;
      }
      ++it->count;
      it->last_ns = r.t_ns;
    }
    const bool valid = domain < r.valid.size() && r.valid[domain];
    if (!valid) continue;
    const double v = value_of(r, domain);
    if (!have_last || v != last_value || f == ReadFault::Restart) {
      if (have_last) close_stall(r.t_ns);
      have_last = true;
      last_value = v;
      last_change_ns = r.t_ns;
    }
  }
  if (have_last && !taken.empty()) close_stall(taken.back().t_ns);
}

int64_t SensorHealth::faulty() const {
  int64_t n = 0;
  for (const auto& f : faults) n += f.count;
  return n;
}

std::vector<std::string> SensorHealth::lines(int64_t origin_ns) const {
  auto at = [origin_ns](int64_t t) { return static_cast<double>(t - origin_ns) * 1e-9; };
  std::vector<std::string> out;
  for (const auto& f : faults)
    out.push_back(fmt::format("{} of {} readings {} (from {:.3f} s to {:.3f} s; first: {})",
                              f.count, readings, fault_words(f.fault), at(f.first_ns),
                              at(f.last_ns), f.example));
  if (stalls > 0)
    out.push_back(
        fmt::format("the sensor's value stood still {} time(s) for more than {} update "
                    "periods (longest {:.1f} ms, from {:.3f} s)",
                    stalls, kStallPeriods, static_cast<double>(longest_stall_ns) * 1e-6,
                    at(longest_stall_at_ns)));
  return out;
}

}  // namespace synergy
