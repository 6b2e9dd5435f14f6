#include "harness.hpp"

#include <algorithm>

#include "engine/backends.hpp"
#include "helpers.hpp"
#include "io/onnx/onnx.hpp"
#include "op_cases.hpp"
#include "zoo/zoo.hpp"

namespace synergy::onednn_test {
namespace {

std::vector<Tensor> run_inputs(Backend& backend, const Graph& graph,
                               const std::vector<Tensor>& inputs, uint64_t seed, int threads,
                               LayerObserver* observer, Precision precision = Precision::fp32) {
  EngineContext context;
  context.threads = threads;
  context.seed = seed;
  context.precision = precision;
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

Graph load_network(const std::string& network) {
  Graph g = network.ends_with(".onnx")
                ? import_onnx_file(std::string(SYNERGY_SOURCE_DIR) + "/tests/data/onnx/" + network)
                : build_zoo_network(network);
  for (const Node& n : g.nodes) {
    const bool final_softmax = n.kind() == OpKind::Softmax && n.outputs[0] == g.outputs.at(0);
    if (final_softmax) g.outputs.push_back(n.inputs[0]);
  }
  return g;
}

double error_vs_reference(Backend& backend, Graph graph, uint64_t seed, float input_scale,
                          Precision precision) {
  graph.materialize_params(seed);
  const auto inputs = test::scaled_random_inputs(graph, seed, input_scale);
  const auto got = run_inputs(backend, graph, inputs, seed, 1, nullptr, precision);
  const auto want = run_inputs(*make_reference_backend(), graph, inputs, seed, 1, nullptr);
  double worst = 0.0;
  for (size_t i = 0; i < want.size(); ++i)
    worst = std::max(worst, test::relative_l2_error(got[i], want[i]));
  return worst;
}

}  // namespace synergy::onednn_test
