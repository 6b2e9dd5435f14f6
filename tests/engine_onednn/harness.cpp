#include "harness.hpp"

#include <algorithm>

#include "engine/backends.hpp"
#include "helpers.hpp"
#include "op_cases.hpp"

namespace synergy::onednn_test {
namespace {

std::vector<Tensor> run_inputs(Backend& backend, const Graph& graph,
                               const std::vector<Tensor>& inputs, uint64_t seed, int threads,
                               LayerObserver* observer) {
  EngineContext context;
  context.threads = threads;
  context.seed = seed;
  auto program = backend.compile(graph, context);
  program->set_observer(observer);
  std::vector<Tensor> outputs(graph.outputs.size());
  program->run(inputs, outputs);
  return outputs;
}

}  // namespace

std::vector<Tensor> run(Backend& backend, const Graph& graph, uint64_t seed, int threads,
                        LayerObserver* observer) {
  return run_inputs(backend, graph, test::random_inputs_for(graph, seed), seed, threads, observer);
}

std::vector<Tensor> run(const std::string& backend, const Graph& graph, uint64_t seed,
                        int threads) {
  return run(*make_backend(backend), graph, seed, threads);
}

double error_vs_reference(Backend& backend, Graph graph, uint64_t seed, float input_scale) {
  graph.materialize_params(seed);
  const auto inputs = test::scaled_random_inputs(graph, seed, input_scale);
  const auto got = run_inputs(backend, graph, inputs, seed, 1, nullptr);
  const auto want = run_inputs(*make_reference_backend(), graph, inputs, seed, 1, nullptr);
  double worst = 0.0;
  for (size_t i = 0; i < want.size(); ++i)
    worst = std::max(worst, test::relative_l2_error(got[i], want[i]));
  return worst;
}

}  // namespace synergy::onednn_test
