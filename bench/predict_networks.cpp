// Networks predicted per second by a per-layer-type linear model (network search workloads).
// Three levels, each timed separately:
//   precomputed: a network's per-type feature vector is built once (outside the timing); a
//                prediction is one dot product;
//   layer rows:  from the network's per-layer feature rows, through the general
//                predict_networks path and through the flattened predictor;
//   graph:       from an in-memory graph: analytic cost, layer features, vector, dot product.
// Loading networks from the zoo is outside every timing.
#include <benchmark/benchmark.h>

#include <random>

#include "graph/cost.hpp"
#include "io/load.hpp"
#include "predict/features.hpp"
#include "predict/linear_predictor.hpp"
#include "predict/model.hpp"

namespace synergy::predict {
namespace {

const std::vector<std::string> kZoo{"alexnet",   "squeezenet",   "googlenet",    "resnet50",
                                    "vgg_cnn_s", "mobilenet_v1", "inception_v3", "densenet121"};

struct Fixture {
  std::vector<Graph> graphs;
  Dataset layers;
  Model model;
  std::vector<std::vector<double>> vectors;

  Fixture() {
    for (const auto& n : kZoo) graphs.push_back(load_network(n));
    for (size_t i = 0; i < graphs.size(); ++i)
      append_rows(layers, layer_features(graphs[i], analyze(graphs[i]), kZoo[i]));
    // Synthetic per-layer energies: the model's coefficients do not change the timing.
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> jitter(0.9, 1.1);
    auto& energy = layers.add_column("energy_mj");
    const auto& macs = layers.column("macs");
    const auto& bytes = layers.column("traffic_bytes");
    for (size_t r = 0; r < layers.size(); ++r)
      energy[r] = (1e-9 * macs[r] + 2e-9 * bytes[r] + 0.01) * jitter(rng);
    ModelSpec spec;
    spec.name = "per-type";
    spec.granularity = Granularity::Layer;
    spec.stages = {{"energy_mj", parse_terms("macs,traffic_bytes"), true, true, {}}};
    model = fit_model(spec, layers);
    LinearPredictor fast(model);
    for (const auto& n : kZoo) vectors.push_back(fast.network_vector(layers, n));
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void BM_PredictPrecomputed(benchmark::State& state) {
  const Fixture& f = fixture();
  LinearPredictor fast(f.model);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fast.predict(f.vectors[i]));
    i = i + 1 == f.vectors.size() ? 0 : i + 1;
  }
  state.counters["networks_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PredictPrecomputed);

void BM_PredictFromLayerRows(benchmark::State& state) {
  const Fixture& f = fixture();
  std::vector<Dataset> per_network;
  for (const auto& n : kZoo) per_network.push_back(f.layers.select_networks({n}));
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(predict_networks(f.model, per_network[i]));
    i = i + 1 == per_network.size() ? 0 : i + 1;
  }
  state.counters["networks_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PredictFromLayerRows);

void BM_PredictFromLayerFeatures(benchmark::State& state) {
  const Fixture& f = fixture();
  LinearPredictor fast(f.model);
  std::vector<Dataset> per_network;
  for (const auto& n : kZoo) per_network.push_back(f.layers.select_networks({n}));
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fast.predict(fast.network_vector(per_network[i], kZoo[i])));
    i = i + 1 == per_network.size() ? 0 : i + 1;
  }
  state.counters["networks_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PredictFromLayerFeatures);

void BM_PredictFromGraph(benchmark::State& state) {
  const Fixture& f = fixture();
  LinearPredictor fast(f.model);
  size_t i = 0;
  for (auto _ : state) {
    Dataset rows = layer_features(f.graphs[i], analyze(f.graphs[i]), kZoo[i]);
    benchmark::DoNotOptimize(fast.predict(fast.network_vector(rows, kZoo[i])));
    i = i + 1 == f.graphs.size() ? 0 : i + 1;
  }
  state.counters["networks_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PredictFromGraph);

}  // namespace
}  // namespace synergy::predict

BENCHMARK_MAIN();
