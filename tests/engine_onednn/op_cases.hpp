// Single-op and small-chain graphs with awkward shapes (odd channels and sizes, stride > kernel,
// groups, depthwise, dilation, asymmetric padding, ceil-mode pooling, broadcasting).
#pragma once

#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace synergy::onednn_test {

struct OpCase {
  std::string name;
  Graph (*build)();
};

const std::vector<OpCase>& op_cases();
const std::vector<OpCase>& chain_cases();

}  // namespace synergy::onednn_test
