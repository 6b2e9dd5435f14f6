#include "profile/attribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy {

double Attribution::layers_energy_j() const {
  double sum = 0.0;
  for (const auto& l : layers)
    if (l.estimated) sum += l.energy_j;
  return sum;
}

namespace {

double relative_ci(const LayerAttribution& l) {
  if (!l.estimated || !std::isfinite(l.power_uncertainty_w)) return INFINITY;
  return l.power_w > 0.0 ? l.power_uncertainty_w / l.power_w : INFINITY;
}

std::string percent(double x) {
  return format_number("%.1f %%", 100.0 * x);
}

std::string watts(double x) {
  return format_number("%.3g W", x);
}

}  // namespace

int apply_precision_target(Attribution& attribution, double target) {
  int withdrawn = 0;
  for (auto& l : attribution.layers) {
    if (!l.measured || relative_ci(l) <= target) continue;
    l.measured = false;
    ++withdrawn;
    const std::string why =
        std::isfinite(l.power_uncertainty_w)
            ? "estimate " + watts(l.power_w) + " +- " + watts(l.power_uncertainty_w) +
                  " is wider than the +-" + percent(target) + " target"
            : "estimate " + watts(l.power_w) + " has no interval (too few samples to bound it)";
    l.note = "not attributed: " + why + (l.note.empty() ? "" : "; " + l.note);
  }
  return withdrawn;
}

double widest_relative_ci(const Attribution& attribution, std::span<const double> runtime_share,
                          double min_share) {
  double widest = 0.0;
  for (const auto& l : attribution.layers) {
    const auto i = static_cast<size_t>(l.layer);
    if (i < runtime_share.size() && runtime_share[i] >= min_share)
      widest = std::max(widest, relative_ci(l));
  }
  return widest;
}

std::unique_ptr<Attributor> make_attributor(AttributionMethod method) {
  switch (method) {
    case AttributionMethod::Trace:
      return make_trace_attributor();
    case AttributionMethod::Markers:
      return make_markers_attributor();
    case AttributionMethod::Isolate:
      return make_isolate_attributor();
  }
  throw bad_input("unknown attribution method");
}

}  // namespace synergy
