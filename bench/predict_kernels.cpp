// Networks per second of a kernel-level model (architecture search workloads), one thread, over
// 256 networks sampled from the design spaces (32 per space). Each level is timed apart:
//   graph:        from an in-memory graph: analytic cost, kernels, predict_network (libxgboost);
//   kernels:      predict_network on the network's precomputed kernels (coverage, warnings,
//                 interval; trees through libxgboost);
//   fast:         KernelPredictor on the same kernels, trees walked as flat arrays, no memory;
//   fast, one new kernel: with memory, each candidate carrying one kernel never seen before (a
//                 search mutating one layer), the others remembered;
//   fast, remembered: every kernel seen before.
// The model is read from $SYNERGY_KERNEL_MODEL (a `synergy calibrate` file) or else fitted on a
// synthetic latency law over other sampled networks (its regressors are what is timed). Loading
// and sampling are outside every timing.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "graph/cost.hpp"
#include "predict/kernel/kernel_model.hpp"
#include "predict/kernel/kernel_model_json.hpp"
#include "predict/kernel/kernel_predictor.hpp"
#include "predict/kernel/kernels.hpp"
#include "zoo/spaces/spaces.hpp"

namespace synergy::predict {
namespace {

KernelLayout own_layout(const Graph& g) {
  return {std::vector<int>(g.nodes.size(), -1), std::vector<bool>(g.nodes.size(), false)};
}

// A law with the shape of a CPU's (fixed cost, MACs, bytes), to fit regressors of a real size.
KernelModel synthetic_model() {
  KernelTrainingSet set;
  set.source = "synthetic";
  set.platform = {"synthetic cpu", "onednn", "1", "1"};
  for (const auto& space : zoo::design_spaces()) {
    for (int i = 0; i < 8; ++i) {
      const Graph g = zoo::sample_network(space.name, 99, i);
      NetworkSample net{g.name, 0.02, std::nan(""), {}};
      for (const Kernel& k : kernels_of(g, analyze(g), own_layout(g))) {
        const double ms = 0.002 + 2e-8 * k.features[kernel_feature_index("macs")] +
                          3e-9 * k.features[kernel_feature_index("traffic_bytes")];
        net.time_ms += ms;
        net.kernels.push_back(set.kernels.size());
        set.kernels.push_back({g.name, k.name, k.kind, k.features, ms, std::nan("")});
      }
      set.networks.push_back(net);
    }
  }
  return fit_kernel_model(set);
}

struct Fixture {
  KernelModel model;
  std::vector<Graph> graphs;
  std::vector<std::vector<Kernel>> kernels;

  Fixture() {
    const char* path = std::getenv("SYNERGY_KERNEL_MODEL");
    model = path ? load_kernel_model(path) : synthetic_model();
    for (const auto& space : zoo::design_spaces())
      for (int i = 0; i < 32; ++i) {
        graphs.push_back(zoo::sample_network(space.name, 1, i));
        kernels.push_back(
            kernels_of(graphs.back(), analyze(graphs.back()), own_layout(graphs.back())));
      }
  }
};

// Never destroyed: libxgboost's own statics may be gone by then.
const Fixture& fixture() {
  static const Fixture* f = new Fixture;
  return *f;
}

std::vector<std::vector<KernelPredictor::Row>> rows_of(const KernelPredictor& p, const Fixture& f) {
  std::vector<std::vector<KernelPredictor::Row>> rows;
  for (const auto& ks : f.kernels) {
    rows.emplace_back();
    for (const auto& k : ks) rows.back().push_back({p.kind_index(k.kind), k.features.data()});
  }
  return rows;
}

void BM_FromGraph(benchmark::State& state) {
  const Fixture& f = fixture();
  size_t i = 0;
  for (auto _ : state) {
    const Graph& g = f.graphs[i++ % f.graphs.size()];
    benchmark::DoNotOptimize(
        predict_network(f.model, g.name, kernels_of(g, analyze(g), own_layout(g))));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_FromKernels(benchmark::State& state) {
  const Fixture& f = fixture();
  size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(predict_network(f.model, "n", f.kernels[i++ % f.kernels.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_FastNoMemory(benchmark::State& state) {
  const Fixture& f = fixture();
  KernelPredictor p(f.model, Quantity::Time, 0);
  const auto rows = rows_of(p, f);
  size_t i = 0;
  for (auto _ : state) {
    const auto& r = rows[i++ % rows.size()];
    benchmark::DoNotOptimize(p.predict(r.data(), r.size()));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_FastOneNewKernel(benchmark::State& state) {
  const Fixture& f = fixture();
  KernelPredictor p(f.model);
  auto rows = rows_of(p, f);
  for (const auto& r : rows) p.predict(r.data(), r.size());  // every original kernel seen
  std::vector<double> mutated(KernelPredictor::kFeatures);
  const size_t macs = kernel_feature_index("macs");
  size_t i = 0;
  double step = 0.0;
  for (auto _ : state) {
    auto& r = rows[i++ % rows.size()];
    const KernelPredictor::Row original = r[0];
    std::copy(original.features, original.features + KernelPredictor::kFeatures, mutated.begin());
    mutated[macs] += ++step;  // a shape never seen before
    r[0].features = mutated.data();
    benchmark::DoNotOptimize(p.predict(r.data(), r.size()));
    r[0] = original;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["hit_rate"] =
      static_cast<double>(p.hits()) / static_cast<double>(p.hits() + p.misses());
}

void BM_FastRemembered(benchmark::State& state) {
  const Fixture& f = fixture();
  KernelPredictor p(f.model);
  const auto rows = rows_of(p, f);
  for (const auto& r : rows) p.predict(r.data(), r.size());
  size_t i = 0;
  for (auto _ : state) {
    const auto& r = rows[i++ % rows.size()];
    benchmark::DoNotOptimize(p.predict(r.data(), r.size()));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

BENCHMARK(BM_FromGraph);
BENCHMARK(BM_FromKernels);
BENCHMARK(BM_FastNoMemory);
BENCHMARK(BM_FastOneNewKernel);
BENCHMARK(BM_FastRemembered);

}  // namespace
}  // namespace synergy::predict

BENCHMARK_MAIN();
