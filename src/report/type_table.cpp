#include "report/type_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace synergy {

void write_type_table(std::ostream& out, const std::vector<TypeSummary>& all_types, size_t top,
                      TypeOrder order) {
  const std::vector<TypeSummary> types(
      all_types.begin(),
      all_types.begin() + static_cast<std::ptrdiff_t>(top > 0 ? std::min(top, all_types.size())
                                                              : all_types.size()));
  static constexpr const char* kOrder[] = {"time", "energy", "layers"};
  const bool energy = std::any_of(types.begin(), types.end(),
                                  [](const TypeSummary& t) { return t.energy_mj.has_value(); });
  out << fmt::format("by layer type ({} of {} types, by {}{})\n", types.size(), all_types.size(),
                     kOrder[static_cast<int>(order)],
                     energy ? "; energy ± adds the layers' half-widths" : "");
  out << fmt::format("  {:<16} {:>6} {:>7} {:>10} {:>7}", "type", "layers", "kernels", "time ms",
                     "share");
  out << (energy ? fmt::format(" {:>24}\n", "energy mJ ± bound") : "\n");
  for (const TypeSummary& t : types) {
    out << fmt::format("  {:<16} {:>6} {:>7} {:>10.4f} {:>6.1f}%", t.type.substr(0, 16), t.layers,
                       t.kernels, t.time_ms, 100.0 * t.time_share);
    if (energy && t.energy_mj)
      out << fmt::format(" {:>10.4f} ± {:<9.4f}", *t.energy_mj, t.energy_uncertainty_mj);
    else if (energy)
      out << fmt::format(" {:>24}", "—");
    if (energy && t.without_energy > 0)
      out << fmt::format(" ({} kernel(s) without energy)", t.without_energy);
    out << "\n";
  }
}

}  // namespace synergy
