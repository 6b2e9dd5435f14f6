// Cost of per-layer observation, resolved per layer: a chain of many cheap layers is run with and
// without a do-nothing observer that wants every layer (alternating runs), and the difference of
// the fastest runs is divided by the layer count. Prints ns per observed layer and, for each
// ONNX network given, that cost times its layer count relative to its median latency.
//
//   engine_observer_overhead [--layers 2000] [--runs 400] [--threads 1] [MODEL.onnx...]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>

#include "engine/engine.hpp"
#include "graph/builder.hpp"
#include "io/load.hpp"
#include "util/clock.hpp"

namespace {

using namespace synergy;

class NullObserver : public LayerObserver {
 public:
  bool wants(const Graph&, size_t) const override { return true; }
  void before_layer(size_t) override {}
  void after_layer(size_t) override {}
};

Graph relu_chain(int layers) {
  GraphBuilder b("relu_chain", "bench");
  ValueId v = b.input("x", Shape{1, 16, 4, 4});
  for (int i = 0; i < layers; ++i) {
    std::string name = "relu";
    name += std::to_string(i);
    v = b.add1(name, ActivationAttrs{ActivationKind::LeakyRelu, 0.5f, 0.0f}, {v});
  }
  return b.finish({v});
}

double run_ns(Engine& e, const std::vector<Tensor>& in, std::vector<Tensor>& out) {
  const int64_t t0 = now_ns();
  e.run(in, out);
  return static_cast<double>(now_ns() - t0);
}

// {fastest unobserved, fastest observed} run times (ns) over `runs` alternating pairs.
std::pair<double, double> fastest(Engine& e, int runs) {
  NullObserver observer;
  const auto in = e.random_inputs(1);
  auto out = e.make_outputs();
  double plain = 1e300, observed = 1e300;
  for (int i = 0; i < runs; ++i) {
    e.set_observer(nullptr);
    plain = std::min(plain, run_ns(e, in, out));
    e.set_observer(&observer);
    observed = std::min(observed, run_ns(e, in, out));
  }
  return {plain, observed};
}

}  // namespace

int main(int argc, char** argv) {
  int layers = 2000, runs = 400, threads = 1;
  std::vector<std::string> models;
  CLI::App app{"Cost of observing every layer"};
  app.add_option("--layers", layers, "layers in the synthetic chain");
  app.add_option("--runs", runs, "alternating run pairs");
  app.add_option("--threads", threads, "threads");
  app.add_option("models", models, "ONNX files to relate the cost to");
  CLI11_PARSE(app, argc, argv);
  Engine chain(relu_chain(layers), "onednn", EngineContext{threads, 1});
  const auto [plain, observed] = fastest(chain, runs);
  const double per_layer = (observed - plain) / layers;
  std::printf(
      "chain of %d layers, fastest of %d runs: %.1f us unobserved, %.1f us observed; "
      "observation costs %.2f ns per layer\n",
      layers, runs, plain * 1e-3, observed * 1e-3, per_layer);
  for (const auto& path : models) {
    Engine net(load_network(path), "onednn", EngineContext{threads, 1});
    const double p = fastest(net, 5).first;
    std::printf("%-40s %4zu layers, fastest %.3f ms: %d-layer cost %.4f%% of a run\n", path.c_str(),
                net.graph().nodes.size(), p * 1e-6, static_cast<int>(net.graph().nodes.size()),
                100.0 * per_layer * static_cast<double>(net.graph().nodes.size()) / p);
  }
  return 0;
}
