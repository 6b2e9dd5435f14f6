#include "predict/kernel/training_set.hpp"

#include <algorithm>
#include <cmath>

#include "io/load.hpp"
#include "predict/kernel/kernels.hpp"
#include "predict/record_rows.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

Platform platform_of(const ResultRecord& r) {
  return {device_of(r.context), r.context.backend, std::to_string(r.context.threads),
          std::to_string(r.context.batch)};
}

bool matches(const Platform& p, const Platform& filter) {
  auto ok = [](const std::string& value, const std::string& want) {
    return want.empty() || value == want;
  };
  return ok(p.device, filter.device) && ok(p.backend, filter.backend) &&
         ok(p.threads, filter.threads) && ok(p.batch, filter.batch);
}

// The run's layers in graph order with the layout the engine ran them in; throws bad_input
// when the run's layers are not the graph's.
KernelLayout layout_of(const Graph& g, const ResultRecord& r) {
  if (r.layers.size() != g.nodes.size())
    throw bad_input("the run has " + std::to_string(r.layers.size()) + " layers, the network " +
                    std::to_string(g.nodes.size()));
  KernelLayout layout{std::vector<int>(g.nodes.size(), -1), std::vector<bool>(g.nodes.size())};
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const LayerResult& l = r.layers[i];
    if (l.name != g.nodes[i].name)
      throw bad_input("layer " + std::to_string(i) + " is '" + l.name + "' in the run, '" +
                      g.nodes[i].name + "' in the network");
    layout.view[i] = l.view;
    if (l.fused_into.empty()) continue;
    auto host = std::find_if(g.nodes.begin(), g.nodes.end(),
                             [&](const Node& n) { return n.name == l.fused_into; });
    if (host == g.nodes.end()) throw bad_input("no layer '" + l.fused_into + "'");
    layout.host[i] = static_cast<int>(host - g.nodes.begin());
  }
  return layout;
}

void check_cpu_share(const ResultRecord& r, double max_wait) {
  for (const auto& p : r.cpu_share) {
    const auto wait = p.share.wait_fraction();
    if (wait && *wait > max_wait)
      throw bad_input("timed on a shared CPU (it waited " + format_number("%.0f", *wait * 100) +
                      " % of its " + p.phase +
                      " phase for a core): profile it again on a quiet "
                      "machine");
  }
}

void add_network(KernelTrainingSet& set, const ResultRecord& r, double max_wait) {
  check_cpu_share(r, max_wait);
  LoadOptions options;
  options.batch = r.context.batch;
  Graph g = load_network(r.model, options);
  const NetworkCost cost = analyze(g);
  const std::vector<Kernel> kernels = kernels_of(g, cost, layout_of(g, r));
  NetworkSample net{r.model, r.network.time_ns.median / 1e6, {}};
  if (r.network.time_ns.count == 0 || !(net.time_ms > 0.0))
    throw bad_input("no end-to-end time was measured");
  std::vector<KernelSample> samples;
  for (const Kernel& k : kernels) {
    double ms = 0.0;
    for (size_t l : k.layers) {
      if (r.layers[l].time_ns.count == 0)
        throw bad_input("layer '" + r.layers[l].name + "' was not timed");
      ms += r.layers[l].time_ns.median / 1e6;
    }
    samples.push_back({r.model, k.name, k.kind, k.features, ms});
  }
  for (auto& s : samples) {
    net.kernels.push_back(set.kernels.size());
    set.kernels.push_back(std::move(s));
  }
  set.networks.push_back(std::move(net));
}

}  // namespace

KernelTrainingSet kernel_training_set(const std::vector<ResultRecord>& records,
                                      const Platform& filter, const std::string& source,
                                      double max_cpu_wait) {
  KernelTrainingSet set;
  set.source = source;
  bool first = true;
  for (const ResultRecord* r : latest_runs(records)) {
    const Platform p = platform_of(*r);
    if (!matches(p, filter)) continue;
    if (r->partial) {
      set.notes.push_back(r->model + ": left out, its run is partial");
      continue;
    }
    if (first) {
      set.platform = p;
      set.libraries = r->context.libraries;
      set.synergy_version = r->context.synergy_version;
      first = false;
    } else if (!(p == set.platform)) {
      throw bad_input(source + " holds runs of more than one platform (" + set.platform.key() +
                      "; " + p.key() + "): choose one with --device, --backend and --threads");
    }
    try {
      add_network(set, *r, max_cpu_wait);
    } catch (const Error& e) {
      set.notes.push_back(r->model + ": left out, " + e.what());
    }
  }
  if (set.networks.empty())
    throw bad_input(source + ": no network with a complete run to learn from" +
                    (set.notes.empty() ? std::string() : " (" + set.notes.front() + ")"));
  return set;
}

}  // namespace synergy::predict
