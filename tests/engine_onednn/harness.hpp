// Runs small graphs on a backend and on the reference, and compares the outputs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/backend.hpp"
#include "graph/builder.hpp"

namespace synergy::onednn_test {

// Params materialized with `seed`, inputs uniform in [-1, 1) from `seed`.
std::vector<Tensor> run(Backend& backend, const Graph& graph, uint64_t seed, int threads = 1,
                        LayerObserver* observer = nullptr);
std::vector<Tensor> run(const std::string& backend, const Graph& graph, uint64_t seed,
                        int threads = 1);
// ||a - b||_2 / ||b||_2 (0 when both are zero).
double relative_l2(const Tensor& a, const Tensor& b);
// Largest relative L2 error over the outputs of `backend` against the reference backend.
double error_vs_reference(Backend& backend, Graph graph, uint64_t seed = 11);

// A graph of one layer "op" over inputs of the given shapes.
Graph single_op(Attrs attrs, const std::vector<Shape>& inputs, int num_outputs = 1);

}  // namespace synergy::onednn_test
