#include "harness.hpp"

#include <cmath>
#include <random>

#include "engine/backends.hpp"

namespace synergy::onednn_test {

std::vector<Tensor> run(Backend& backend, const Graph& graph, uint64_t seed, int threads,
                        LayerObserver* observer) {
  EngineContext context;
  context.threads = threads;
  context.seed = seed;
  auto program = backend.compile(graph, context);
  program->set_observer(observer);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<Tensor> inputs;
  for (ValueId v : graph.inputs) {
    Tensor t{graph.shape(v), {}};
    t.data.resize(static_cast<size_t>(t.shape.numel()));
    for (float& x : t.data) x = dist(rng);
    inputs.push_back(std::move(t));
  }
  std::vector<Tensor> outputs(graph.outputs.size());
  program->run(inputs, outputs);
  return outputs;
}

std::vector<Tensor> run(const std::string& backend, const Graph& graph, uint64_t seed,
                        int threads) {
  return run(*make_backend(backend), graph, seed, threads);
}

double relative_l2(const Tensor& a, const Tensor& b) {
  if (a.shape != b.shape || a.data.size() != b.data.size()) return INFINITY;
  double diff = 0.0, norm = 0.0;
  for (size_t i = 0; i < b.data.size(); ++i) {
    const double d = static_cast<double>(a.data[i]) - b.data[i];
    diff += d * d;
    norm += static_cast<double>(b.data[i]) * b.data[i];
  }
  return norm == 0.0 ? std::sqrt(diff) : std::sqrt(diff / norm);
}

double error_vs_reference(Backend& backend, Graph graph, uint64_t seed) {
  graph.materialize_params(seed);
  const auto got = run(backend, graph, seed);
  const auto want = run(*make_reference_backend(), graph, seed);
  double worst = 0.0;
  for (size_t i = 0; i < want.size(); ++i) worst = std::max(worst, relative_l2(got[i], want[i]));
  return worst;
}

Graph single_op(Attrs attrs, const std::vector<Shape>& inputs, int num_outputs) {
  GraphBuilder b("single", "test");
  std::vector<ValueId> ins;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const char names[] = {'x', static_cast<char>('0' + i), '\0'};
    ins.push_back(b.input(names, inputs[i]));
  }
  return b.finish(b.add("op", std::move(attrs), ins, num_outputs));
}

}  // namespace synergy::onednn_test
