#include "result/type_summary.hpp"

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

}  // namespace synergy
