// Small multi-layer graphs for what single-op cases cannot reach: folded batch norm and scale,
// post-op fusion and the branches that must stop it, channel shuffle and squeeze-excitation.
// The single-op cases are the engine's shared table (tests/engine/op_cases.hpp).
#pragma once

#include <vector>

#include "op_cases.hpp"

namespace synergy::onednn_test {

const std::vector<test::OpCase>& chain_cases();

}  // namespace synergy::onednn_test
