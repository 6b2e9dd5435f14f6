#include "report/csv.hpp"

#include <cmath>
#include <set>
#include <string>

#include <fmt/format.h>

namespace synergy {

namespace {

std::string cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string cell(double v) {
  return std::isfinite(v) ? fmt::format("{:.12g}", v) : "";
}

}  // namespace

void write_layers_csv(std::ostream& out, const ResultRecord& r) {
  std::set<std::string> counters;
  for (const auto& l : r.layers)
    for (const auto& [k, v] : l.counters) counters.insert(k);
  out << "model,index,layer,type,fused_into,view,time_ns_mean,time_ns_median,time_ns_stddev,time_"
         "ns_min,"
         "time_ns_ci95,time_samples,energy_j,energy_uncertainty_j,power_w,power_uncertainty_w,"
         "energy_samples,energy_method,energy_provenance";
  for (const auto& c : counters) out << "," << cell(c);
  out << ",partial\n";
  for (const auto& l : r.layers) {
    out << cell(r.model) << ',' << l.index << ',' << cell(l.name) << ',' << cell(l.type) << ','
        << cell(l.fused_into) << ',' << (l.view ? 1 : 0) << ',' << cell(l.time_ns.mean) << ','
        << cell(l.time_ns.median) << ',' << cell(l.time_ns.stddev) << ',' << cell(l.time_ns.min)
        << ',' << cell(l.time_ns.ci95) << ',' << l.time_ns.count << ',';
    if (l.energy) {
      const auto& e = *l.energy;
      out << cell(e.energy_j) << ',' << cell(e.energy_uncertainty_j) << ',' << cell(e.power_w)
          << ',' << cell(e.power_uncertainty_w) << ',' << e.samples << ',' << cell(e.method) << ','
          << cell(r.context.energy_provenance);
    } else {
      out << ",,,,,,";
    }
    for (const auto& c : counters) {
      auto it = l.counters.find(c);
      out << ',' << (it == l.counters.end() ? std::string() : cell(it->second));
    }
    out << ',' << (r.partial ? "true" : "false") << '\n';
  }
}

}  // namespace synergy
