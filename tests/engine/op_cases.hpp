// The harness's table: one-layer graphs with awkward shapes (odd channel counts, odd spatial
// sizes, stride > kernel, groups, depthwise, dilation, asymmetric padding, ceil pooling, ...).
#pragma once

#include <functional>
#include <string>
#include <vector>

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

}  // namespace synergy::test
