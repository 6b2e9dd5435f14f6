// An activation as a sequence of oneDNN eltwise algorithms.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>
#include <vector>

#include "graph/attrs.hpp"

namespace synergy::onednn {

struct EltwiseOp {
  dnnl::algorithm algorithm;
  float alpha;
  float beta;
};

// HardSigmoid needs two (linear, then clip to [0, 1]); every other activation one.
std::vector<EltwiseOp> eltwise_ops(const ActivationAttrs& attrs);

}  // namespace synergy::onednn
