// Per-layer-type totals of a profile or a run (like PyTorch's key_averages): how much of the
// time and energy each kind of layer takes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "result/record.hpp"

namespace synergy {

// One layer as the summary sees it.
struct TypedLayer {
  std::string type;
  double time_ms = 0.0;             // mean per inference
  std::optional<double> energy_mj;  // per inference; absent: not attributed or not measured
  double energy_uncertainty_mj = 0.0;
  bool own_kernel = true;  // false: fused into another layer, or a view
};

struct TypeSummary {
  std::string type;
  int64_t layers = 0;
  int64_t kernels = 0;  // layers that ran a kernel of their own
  double time_ms = 0.0;
  double time_share = 0.0;  // of all layers' time
  // Sum over the type's layers with an energy; the uncertainty adds their half-widths (a bound:
  // per-layer attribution errors are correlated). Absent when no layer of the type has energy.
  std::optional<double> energy_mj;
  double energy_uncertainty_mj = 0.0;
  int64_t without_energy = 0;  // kernels of the type with no energy
};

enum class TypeOrder { Time, Energy, Layers };

// "time", "energy" or "layers"; bad_input otherwise.
TypeOrder parse_type_order(const std::string& text);

// One entry per layer type, largest first by `order`, at most `top` (0: all).
std::vector<TypeSummary> summarize_by_type(const std::vector<TypedLayer>& layers, TypeOrder order,
                                           size_t top = 0);
std::vector<TypedLayer> typed_layers(const ResultRecord& record);

}  // namespace synergy
