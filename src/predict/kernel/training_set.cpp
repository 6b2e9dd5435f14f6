#include "predict/kernel/training_set.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "io/load.hpp"
#include "predict/kernel/kernels.hpp"
#include "predict/record_rows.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace synergy::predict {

namespace {

Platform platform_of(const ResultRecord& r) {
  return {device_of(r.context), r.context.backend, std::to_string(r.context.threads),
          std::to_string(r.context.batch), r.context.precision};
}

bool matches(const Platform& p, const Platform& filter) {
  auto ok = [](const std::string& value, const std::string& want) {
    return want.empty() || value == want;
  };
  return ok(p.device, filter.device) && ok(p.backend, filter.backend) &&
         ok(p.threads, filter.threads) && ok(p.batch, filter.batch) &&
         ok(p.precision, filter.precision);
}

// The run's layers in graph order with the layout the engine ran them in; throws bad_input
// when the run's layers are not the graph's.
KernelLayout layout_of(const Graph& g, const ResultRecord& r) {
  if (r.layers.size() != g.nodes.size())
    throw bad_input("the run has " + std::to_string(r.layers.size()) + " layers, the network " +
                    std::to_string(g.nodes.size()));
  KernelLayout layout{std::vector<int>(g.nodes.size(), -1), std::vector<bool>(g.nodes.size()),
                      std::vector<std::string>(g.nodes.size())};
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const LayerResult& l = r.layers[i];
    if (l.name != g.nodes[i].name)
      throw bad_input("layer " + std::to_string(i) + " is '" + l.name + "' in the run, '" +
                      g.nodes[i].name + "' in the network");
    layout.view[i] = l.view;
    layout.algorithm[i] = l.algorithm;
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

// The network a run was of, with the layout it ran in: the first of the model files of that name
// in `dirs`, then the name itself (zoo or sampled), whose layers are the run's. A name may stand
// for several networks (the zoo's Caffe-style resnet50 and a torchvision resnet50.onnx).
std::pair<Graph, KernelLayout> rebuild(const ResultRecord& r,
                                       const std::vector<std::string>& dirs) {
  LoadOptions options;
  options.batch = r.context.batch;
  std::vector<std::string> specs;
  for (const auto& dir : dirs)
    for (const char* ext : {".onnx", ".prototxt"})
      if (const auto path = dir + "/" + r.model + ext; std::filesystem::exists(path))
        specs.push_back(path);
  specs.push_back(r.model);
  std::string why;
  for (const auto& spec : specs) {
    try {
      Graph g = load_network(spec, options);
      KernelLayout layout = layout_of(g, r);
      return {std::move(g), std::move(layout)};
    } catch (const Error& e) {
      if (why.empty()) why = e.what();
    }
  }
  throw bad_input(why);
}

void add_network(KernelTrainingSet& set, const ResultRecord& r, const TrainingSetOptions& o) {
  check_cpu_share(r, o.max_cpu_wait);
  const auto [g, layout] = rebuild(r, o.model_dirs);
  const std::vector<Kernel> kernels =
      kernels_of(g, analyze(g, value_bytes(r.context.precision)), layout);
  NetworkSample net{r.model, r.network.time_ns.median / 1e6, std::nan(""), {}};
  if (r.network.time_ns.count == 0 || !(net.time_ms > 0.0))
    throw bad_input("no end-to-end time was measured");
  const bool measured = r.energy_measured();
  if (measured && r.network.energy_j && r.network.energy_j->count > 0 &&
      r.network.energy_j->median > 0.0)  // none, or a sensor's glitch: not measured
    net.energy_mj = r.network.energy_j->median * 1e3;
  std::vector<KernelSample> samples;
  for (const Kernel& k : kernels) {
    double ms = 0.0;
    double mj = measured ? 0.0 : std::nan("");
    for (size_t l : k.layers) {
      if (r.layers[l].time_ns.count == 0)
        throw bad_input("layer '" + r.layers[l].name + "' was not timed");
      ms += r.layers[l].time_ns.median / 1e6;
      // A fused layer's energy is counted in its host's (the host is first).
      if (r.layers[l].energy)
        mj += r.layers[l].energy->energy_j * 1e3;
      else if (l == k.layers.front())
        mj = std::nan("");
    }
    samples.push_back({r.model, k.name, k.kind, k.features, ms, mj});
  }
  for (auto& s : samples) {
    net.kernels.push_back(set.kernels.size());
    set.kernels.push_back(std::move(s));
  }
  set.networks.push_back(std::move(net));
}

}  // namespace

KernelTrainingSet kernel_training_set(const std::vector<ResultRecord>& records,
                                      const std::string& source,
                                      const TrainingSetOptions& options) {
  KernelTrainingSet set;
  set.source = source;
  bool first = true;
  for (const ResultRecord* r : latest_runs(records)) {
    const Platform p = platform_of(*r);
    if (!matches(p, options.filter)) continue;
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
                      "; " + p.key() +
                      "): choose one with --device, --backend, --threads and --precision");
    }
    try {
      add_network(set, *r, options);
    } catch (const Error& e) {
      set.notes.push_back(r->model + ": left out, " + e.what());
    }
  }
  if (set.networks.empty())
    throw bad_input(source + ": no network with a complete run to learn from" +
                    (set.notes.empty() ? std::string() : " (" + set.notes.front() + ")"));
  return set;
}

namespace {

// A network whose name `into` already holds (the zoo's resnet50 and a torchvision resnet50.onnx)
// is named with its source as well.
void append_network(KernelTrainingSet& into, const KernelTrainingSet& from,
                    const NetworkSample& n) {
  const bool taken = std::any_of(into.networks.begin(), into.networks.end(),
                                 [&](const NetworkSample& o) { return o.network == n.network; });
  NetworkSample copy{
      taken ? n.network + " (" + from.source + ")" : n.network, n.time_ms, n.energy_mj, {}};
  for (size_t i : n.kernels) {
    copy.kernels.push_back(into.kernels.size());
    into.kernels.push_back(from.kernels[i]);
    into.kernels.back().network = copy.network;
  }
  into.networks.push_back(std::move(copy));
}

}  // namespace

KernelTrainingSet select_networks(const KernelTrainingSet& set,
                                  const std::function<bool(const std::string&)>& keep) {
  KernelTrainingSet out = set;
  out.kernels.clear();
  out.networks.clear();
  for (const auto& n : set.networks)
    if (keep(n.network)) append_network(out, set, n);
  return out;
}

KernelTrainingSet merge(KernelTrainingSet a, const KernelTrainingSet& b) {
  if (!a.networks.empty() && !b.networks.empty() && !(a.platform == b.platform))
    throw bad_input("runs of two platforms cannot be learnt together (" + a.platform.key() + "; " +
                    b.platform.key() + ")");
  if (a.networks.empty()) {
    a.platform = b.platform;
    a.libraries = b.libraries;
    a.synergy_version = b.synergy_version;
  }
  for (const auto& n : b.networks) append_network(a, b, n);
  a.notes.insert(a.notes.end(), b.notes.begin(), b.notes.end());
  if (a.source != b.source) a.source += (a.source.empty() ? "" : "+") + b.source;
  return a;
}

}  // namespace synergy::predict
