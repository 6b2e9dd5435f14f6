// Constant folding: evaluates the shape arithmetic exporters emit around Reshape, Pad, Slice
// (Shape -> Gather -> Unsqueeze -> Concat, Cast, integer Add/Sub/Mul/Div, ...).
#pragma once

#include <string_view>
#include <vector>

#include "io/onnx/model.hpp"

namespace synergy::onnx_io {

struct FoldArgs {
  const OnnxNode& node;
  int opset;
  std::vector<const ConstTensor*> inputs;  // nullptr where an optional input is left out
};

using FoldRule = std::vector<ConstTensor> (*)(const FoldArgs& args);

// The folding rule for an op type, or nullptr when it has none.
FoldRule fold_rule(std::string_view op);
// Shape of a tensor whose dims are known (opset 15 start/end attributes honoured).
ConstTensor fold_shape(const OnnxNode& node, const Dims& dims);

}  // namespace synergy::onnx_io
