// Shared helpers of the engine tests: one-layer graphs, running them, comparing outputs.
#pragma once

#include <string>
#include <vector>

#include "engine/accuracy.hpp"
#include "engine/backend.hpp"
#include "graph/builder.hpp"

namespace synergy::test {

// A graph of one layer named "op" over inputs "x0", "x1", ... with the given shapes.
Graph single_op(Attrs attrs, const std::vector<Shape>& inputs, int num_outputs = 1);
// Sets param `role` of the graph's only layer.
void set_param(Graph& graph, const std::string& role, std::vector<float> data);
// Runs `graph` once on `backend` (params materialized from `seed` where missing).
std::vector<Tensor> run_on(const std::string& backend, Graph graph, std::vector<Tensor> inputs,
                           int threads = 1, uint64_t seed = 7);
// True (with the reason, tagged skip::kNoGpu) when `backend` cannot run here at all, i.e. a GPU
// backend without a device: it throws unsupported or unavailable when compiling a one-layer graph.
bool backend_unavailable(const std::string& backend, std::string* why);
// Deterministic inputs shaped like the graph's, uniform in [-1, 1).
std::vector<Tensor> random_inputs_for(const Graph& graph, uint64_t seed);
// max |a - b| / max(max |b|, floor): error relative to the reference's output magnitude.
double relative_max_error(const Tensor& a, const Tensor& b, double floor = 1e-6);
// ||a - b||_2 / ||b||_2 (the engine's own measure of a precision's error).
using synergy::relative_l2_error;

}  // namespace synergy::test
