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
  if (set_layer_costs(run, g)) return "";
  if (g.nodes.size() != run.layers.size())
    return "'" + name + "' has " + std::to_string(g.nodes.size()) + " layers, the run " +
           std::to_string(run.layers.size());
  for (size_t l = 0; l < g.nodes.size(); ++l)
    if (g.nodes[l].name != run.layers[l].name)
      return "'" + name + "' layer " + std::to_string(l) + " is " + g.nodes[l].name +
             ", the run's is " + run.layers[l].name;
  return "";
}

}  // namespace synergy::cli
