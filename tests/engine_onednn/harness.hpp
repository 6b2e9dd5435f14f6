// Runs small graphs on a backend and on the reference, and compares the outputs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/backend.hpp"
#include "graph/graph.hpp"

namespace synergy::onednn_test {

// Params materialized with `seed`, inputs uniform in [-1, 1) from `seed`.
std::vector<Tensor> run(Backend& backend, const Graph& graph, uint64_t seed, int threads = 1,
                        LayerObserver* observer = nullptr);
std::vector<Tensor> run(const std::string& backend, const Graph& graph, uint64_t seed,
                        int threads = 1);
// A zoo network or a file of tests/data/onnx, with the input of a final softmax as an extra
// output: a near-uniform softmax would hide errors in the logits.
Graph load_network(const std::string& network);
// Largest relative L2 error over the outputs of `backend` run in `precision` against the
// reference backend, on inputs uniform in [-input_scale, input_scale) from `seed`.
double error_vs_reference(Backend& backend, Graph graph, uint64_t seed = 11,
                          float input_scale = 1.0f, Precision precision = Precision::fp32);

}  // namespace synergy::onednn_test
