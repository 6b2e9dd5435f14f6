#include "report/type_summary.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include <fmt/format.h>

#include "util/error.hpp"

namespace synergy {

TypeOrder parse_type_order(const std::string& text) {
  if (text == "time") return TypeOrder::Time;
  if (text == "energy") return TypeOrder::Energy;
  if (text == "layers") return TypeOrder::Layers;
  throw bad_input("layer types sort by time, energy or layers, not '" + text + "'");
}

std::vector<TypeSummary> summarize_by_type(const std::vector<TypedLayer>& layers, TypeOrder order,
                                           size_t top) {
  std::map<std::string, TypeSummary> by_type;
  double total_ms = 0.0;
  for (const TypedLayer& l : layers) {
    TypeSummary& t = by_type[l.type];
    t.type = l.type;
    ++t.layers;
    total_ms += l.time_ms;
    t.time_ms += l.time_ms;
    if (l.own_kernel) ++t.kernels;
    if (l.energy_mj) {
      t.energy_mj = t.energy_mj.value_or(0.0) + *l.energy_mj;
      t.energy_uncertainty_mj += l.energy_uncertainty_mj;
    } else if (l.own_kernel) {
      ++t.without_energy;
    }
  }
  std::vector<TypeSummary> types;
  for (auto& [name, t] : by_type) {
    t.time_share = total_ms > 0.0 ? t.time_ms / total_ms : 0.0;
    types.push_back(t);
  }
  auto key = [order](const TypeSummary& t) {
    switch (order) {
      case TypeOrder::Energy:
        return t.energy_mj.value_or(-1.0);
      case TypeOrder::Layers:
        return static_cast<double>(t.layers);
      case TypeOrder::Time:
        break;
    }
    return t.time_ms;
  };
  std::stable_sort(types.begin(), types.end(),
                   [&](const TypeSummary& a, const TypeSummary& b) { return key(a) > key(b); });
  if (top > 0 && types.size() > top) types.resize(top);
  return types;
}

std::vector<TypedLayer> typed_layers(const ResultRecord& r) {
  std::vector<TypedLayer> layers;
  for (const LayerResult& l : r.layers) {
    TypedLayer t;
    t.type = l.type;
    t.own_kernel = l.fused_into.empty() && !l.view;
    t.time_ms = t.own_kernel ? l.time_ns.mean * 1e-6 : 0.0;
    if (l.energy) {
      t.energy_mj = l.energy->energy_j * 1e3;
      t.energy_uncertainty_mj = l.energy->energy_uncertainty_j * 1e3;
    }
    layers.push_back(t);
  }
  return layers;
}

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
