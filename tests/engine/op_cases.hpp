// The harness's table: one-layer graphs with awkward shapes (odd channel counts, odd spatial
// sizes, stride > kernel, padding > kernel, groups, depthwise, dilation, asymmetric padding, ceil
// pooling, broadcasting, negative axes, ...), run against the reference by every backend's tests.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/backend.hpp"
#include "graph/graph.hpp"

namespace synergy::test {

struct OpCase {
  std::string name;
  std::function<Graph()> build;
  // Allowed max |backend - reference| / max |reference|.
  double tolerance = 1e-5;
  // Inputs are uniform in [-input_scale, input_scale).
  float input_scale = 1.0f;
};

const std::vector<OpCase>& op_cases();

// Deterministic inputs shaped like the graph's, uniform in [-input_scale, input_scale).
std::vector<Tensor> scaled_random_inputs(const Graph& graph, uint64_t seed, float input_scale);

}  // namespace synergy::test
