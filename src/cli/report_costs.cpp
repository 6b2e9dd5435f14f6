#include "cli/report_costs.hpp"

#include <algorithm>

#include "io/load.hpp"
#include "profile/result_record.hpp"
#include "util/error.hpp"

namespace synergy::cli {

std::string complete_layer_costs(ResultRecord& run, const std::string& spec) {
  const bool known = std::any_of(run.layers.begin(), run.layers.end(),
                                 [](const LayerResult& l) { return !l.shapes.empty(); });
  if (known && spec.empty()) return "";
  const std::string name = spec.empty() ? run.model : spec;
  Graph g;
  try {
    LoadOptions lo;
    lo.batch = run.context.batch;
    g = load_network(name, lo);
  } catch (const Error& e) {
    return "the network '" + name + "' could not be loaded (give it with --model): " + e.what();
  }
  const std::string mismatch = set_layer_costs(run, g);
  return mismatch.empty() ? "" : "'" + name + "' is not the run's network: " + mismatch;
}

}  // namespace synergy::cli
