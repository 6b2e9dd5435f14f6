#include "profile/layer_counter_merge.hpp"

#include <algorithm>
#include <cmath>

namespace synergy {

namespace {

bool fused(const ProfileOutcome& o, size_t layer) {
  return layer < o.fused_into.size() && o.fused_into[layer] >= 0;
}

}  // namespace

void add_layer_counters(ProfileOutcome& outcome, const std::vector<std::string>& events,
                        const std::map<std::string, std::string>& unavailable,
                        const std::vector<std::map<std::string, double>>& layers,
                        const std::string& provenance) {
  const double nan = std::nan("");
  const size_t first = outcome.counter_events.size();
  const size_t layer_count = std::max(outcome.layer_names.size(), outcome.layer_counters.size());
  outcome.layer_counters.resize(layer_count);
  for (auto& row : outcome.layer_counters) row.resize(first, nan);
  for (const std::string& e : events) {
    if (std::find(outcome.counter_events.begin(), outcome.counter_events.end(), e) !=
        outcome.counter_events.end())
      continue;  // already a column: keep the first source's values
    const size_t column = outcome.counter_events.size();
    outcome.counter_events.push_back(e);
    outcome.counter_provenance[e] = provenance;
    for (size_t i = 0; i < layer_count; ++i) {
      auto& row = outcome.layer_counters[i];
      row.resize(column + 1, nan);
      if (i >= layers.size() || fused(outcome, i)) continue;
      auto v = layers[i].find(e);
      if (v != layers[i].end() && std::isfinite(v->second)) row[column] = v->second;
    }
    auto why = unavailable.find(e);
    if (why != unavailable.end()) outcome.counter_unavailable[e] = why->second;
  }
}

}  // namespace synergy
