// Design spaces: families of networks drawn at random (widths, depths, kernels, strides,
// expansion ratios, input resolution), so that predictors learn from many networks rather than a
// handful. A network is a pure function of (space, seed, index): the same call gives the same
// network on any machine, and drawing more networks keeps the earlier ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.hpp"

namespace synergy::zoo {

struct DesignSpace {
  std::string name;
  std::string description;  // the family and what is drawn, with its ranges
};

const std::vector<DesignSpace>& design_spaces();
// Throws bad_input naming the known spaces.
const DesignSpace& design_space(const std::string& name);
// Network `index` of the space for `seed`, named "<space>_s<seed>_<index>".
Graph sample_network(const std::string& space, uint64_t seed, int64_t index);

}  // namespace synergy::zoo
